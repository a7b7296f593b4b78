// `kubectl auth can-i --list` shaping: staging/src/k8s.io/kubectl/pkg/cmd/auth/cani.go (printStatus),
// pkg/apis/rbac/v1 helpers BreakdownRule / CompactRules / SortableRuleSlice, and the rules a
// SelfSubjectRulesReview returns (pkg/registry/rbac/validation/rule.go RulesFor).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadSources } from '../load/load.ts';
import type { Inventory } from '../model/inventory.ts';
import { buildInventory } from '../model/inventory.ts';
import { buildRbacModel } from './model.ts';
import { readPolicyRule } from './policy-rule.ts';
import { renderRulesList } from '../render/rbac/rules-list.ts';
import { breakdownRule, combineResourceGroup, compactRules, listRows, rulesFor } from './rules-review.ts';
import { identityOf } from './subject.ts';

const inventoryFromYaml = (text: string): Inventory =>
  buildInventory(loadSources([{ file: 'rbac.yaml', text, format: 'yaml', named: true }]).resources);

describe('can-i --list (cani.go)', () => {
  it('breaks a rule down per group × resource × verb and per URL × verb', () => {
    const pieces = breakdownRule(
      readPolicyRule({ apiGroups: ['', 'apps'], resources: ['pods'], verbs: ['get', 'list'] }),
    );
    assert.equal(pieces.length, 4);
    assert.equal(breakdownRule(readPolicyRule({ nonResourceURLs: ['/a', '/b'], verbs: ['get'] })).length, 2);
  });

  it('compacts verbs of the same group, resource and name; never URLs', () => {
    const rules = [
      readPolicyRule({ apiGroups: [''], resources: ['pods'], verbs: ['get'] }),
      readPolicyRule({ apiGroups: [''], resources: ['pods'], verbs: ['list'] }),
      readPolicyRule({ apiGroups: [''], resources: ['pods'], resourceNames: ['x'], verbs: ['delete'] }),
      readPolicyRule({ nonResourceURLs: ['/healthz'], verbs: ['get'] }),
      readPolicyRule({ nonResourceURLs: ['/healthz'], verbs: ['get'] }),
    ];
    const compacted = compactRules(rules);
    assert.equal(compacted.length, 4);
    assert.ok(compacted.some((rule) => rule.resourceNames.length === 0 && rule.verbs.join() === 'get,list'));
  });

  it('names resources resource.group/sub, core without a group', () => {
    assert.equal(
      combineResourceGroup(
        readPolicyRule({ apiGroups: ['apps'], resources: ['deployments/scale'], verbs: ['get'] }),
      ),
      'deployments.apps/scale',
    );
    assert.equal(
      combineResourceGroup(readPolicyRule({ apiGroups: [''], resources: ['pods/exec'], verbs: ['get'] })),
      'pods/exec',
    );
    assert.equal(
      combineResourceGroup(readPolicyRule({ apiGroups: ['*'], resources: ['*'], verbs: ['*'] })),
      '*.*',
    );
  });

  it('prints the cluster-admin rows of kubectl, sorted by the Go String() of the rule (verbs first)', () => {
    const model = buildRbacModel(inventoryFromYaml(''), { bootstrap: true });
    const text = renderRulesList(
      listRows(rulesFor(model, identityOf('admin', ['kubeadm:cluster-admins']), 'default')),
    );
    const lines = text.split('\n');
    assert.equal(
      lines[0],
      'Resources                                       Non-Resource URLs   Resource Names   Verbs',
    );
    assert.equal(
      lines[1],
      '*.*                                             []                  []               [*]',
    );
    assert.equal(
      lines[2],
      '                                                [*]                 []               [*]',
    );
    assert.equal(
      lines[3],
      'selfsubjectreviews.authentication.k8s.io        []                  []               [create]',
    );
    assert.equal(
      lines[6],
      '                                                [/api/*]            []               [get]',
    );
    assert.equal(
      lines[7],
      '                                                [/api]              []               [get]',
    );
  });

  it('lists RoleBinding rules only in their namespace', () => {
    const model = buildRbacModel(
      inventoryFromYaml(`
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: view, namespace: team}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects: [{kind: ServiceAccount, name: app}]
`),
      { bootstrap: true },
    );
    const user = identityOf('system:serviceaccount:team:app');
    assert.ok(listRows(rulesFor(model, user, 'team')).some((row) => row.resources === 'deployments.apps'));
    assert.ok(!listRows(rulesFor(model, user, 'other')).some((row) => row.resources === 'deployments.apps'));
  });
});
