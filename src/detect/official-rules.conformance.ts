// The official Falco rules for Kubernetes audit events ($KUBEWARD_CONFORMANCE_DIR/corpus/falco/
// k8s_audit_rules.yaml, falcosecurity/plugins plugins/k8saudit/rules/, loaded unmodified) compile,
// and each of the 48 fires on its trigger event and not on its clear event
// (testdata/detect/official-rules.events.jsonl, written from the audit.k8s.io/v1 Event schema).
// Five rules ship disabled through a macro (always_true / never_true); a local rules file
// (testdata/detect/enable-all-rules.yaml) turns them on by overriding those macros, as users do.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { conformancePath } from '../testing/conformance.ts';
import { join } from 'node:path';
import { load } from '../load/js-yaml.ts';
import { compileRules, ruleCoverage } from './index.ts';
import type { RulesFile } from './index.ts';
import { k8sauditFieldInfo, K8SAUDIT_FIELDS } from './k8saudit-fields.ts';
import {
  auditEvents,
  DETECT_TESTDATA,
  eventById,
  officialRuleCases,
  testRulesFile,
} from './testing/audit-fixtures.ts';

const official: RulesFile = {
  path: 'k8s_audit_rules.yaml',
  text: readFileSync(conformancePath('corpus/falco/k8s_audit_rules.yaml'), 'utf8'),
};
const events = auditEvents('official-rules.events.jsonl');
const cases = officialRuleCases();
const DISABLED_BY_MACRO = [
  'Create Disallowed Pod',
  'All K8s Audit Events',
  'Full K8s Administrative Access',
  'Untrusted Node Successfully Joined the Cluster',
  'Untrusted Node Unsuccessfully Tried to Join the Cluster',
];

describe('official k8s_audit rules', () => {
  it('compile, all 48, with their plugin requirements recorded and nothing skipped', () => {
    const ruleset = compileRules([official]);
    assert.equal(ruleset.rules.length, 48);
    assert.ok(ruleset.rules.every((r) => r.enabled));
    assert.deepEqual(ruleset.notes, []);
    assert.deepEqual(ruleset.requiredPluginVersions, [
      { name: 'k8saudit', version: '0.18.0' },
      { name: 'json', version: '0.7.0' },
    ]);
    assert.deepEqual(
      [...new Set(cases.map((c) => c.rule))].sort(),
      ruleset.rules.map((r) => r.name).sort(),
      'one case per official rule',
    );
  });

  const all = compileRules([official, testRulesFile('enable-all-rules.yaml')], { ruleMatching: 'all' });
  for (const c of cases) {
    it(`${c.rule}: fires on ${c.trigger}, not on ${c.clear}`, () => {
      const fired = all.match(eventById(events, c.trigger));
      const alert = fired.find((a) => a.rule === c.rule);
      assert.ok(alert, `${c.rule} did not fire; got ${fired.map((a) => a.rule).join(', ')}`);
      assert.equal(alert.source, 'k8s_audit');
      assert.doesNotMatch(alert.output, /%[a-z]/);
      assert.ok(
        all.match(eventById(events, c.clear)).every((a) => a.rule !== c.rule),
        `${c.rule} fired on ${c.clear}`,
      );
    });
  }

  it('without the local overrides, the five macro-disabled rules stay silent on their triggers', () => {
    const plain = compileRules([official], { ruleMatching: 'all' });
    for (const c of cases) {
      const fired = plain.match(eventById(events, c.trigger)).some((a) => a.rule === c.rule);
      assert.equal(fired, !DISABLED_BY_MACRO.includes(c.rule), c.rule);
    }
  });

  it('renders the privileged-pod alert as Falco would', () => {
    const alert = all
      .match(eventById(events, 'create-privileged-pod.trigger'))
      .find((a) => a.rule === 'Create Privileged Pod');
    assert.deepEqual(alert, {
      time: '2026-03-14T09:26:05.158832000Z',
      rule: 'Create Privileged Pod',
      priority: 'WARNING',
      output:
        'Pod started with privileged container (user=kubernetes-admin pod=web resource=pods ns=default images=(registry.example.com/shop/web:2.4.1,registry.example.com/shop/proxy:1.0) init_images=<NA> ephemeral_images=<NA>)',
      outputFields: {
        'ka.user.name': 'kubernetes-admin',
        'ka.resp.name': 'web',
        'ka.target.resource': 'pods',
        'ka.target.namespace': 'default',
        'ka.req.pod.containers.image': [
          'registry.example.com/shop/web:2.4.1',
          'registry.example.com/shop/proxy:1.0',
        ],
        'ka.req.pod.initContainers.image': null,
        'ka.req.pod.ephemeralContainers.image': null,
      },
      tags: ['k8s'],
      source: 'k8s_audit',
    });
  });
});

describe('official k8s_audit rules under an audit Policy', () => {
  it('cannot see configmap contents when configmaps are logged at Metadata (testdata/detect/audit-policy.yaml)', () => {
    const policy = load(readFileSync(join(DETECT_TESTDATA, 'audit-policy.yaml'), 'utf8'));
    const blind = ruleCoverage(compileRules([official]), policy).filter((c) => !c.canFire);
    assert.deepEqual(blind, [
      {
        rule: 'Create/Modify Configmap With Private Credentials',
        canFire: false,
        reason:
          'reads ka.req.configmap.obj, which needs level Request, but the audit policy logs create configmaps at level Metadata (policy rule 4)',
      },
    ]);
  });
});

describe('the k8saudit plugin field table', () => {
  it('names only fields this engine extracts, with the same list and argument kinds', () => {
    const readme = readFileSync(conformancePath('corpus/falco/k8saudit-plugin-README.md'), 'utf8');
    const rows = [...readme.matchAll(/^\| `(ka\.[^`]+)`\s*\| `string( \(list\))?`\s*\| ([^|]+?)\s*\|/gm)];
    assert.ok(rows.length > 90, `only ${rows.length} fields read from the README`);
    for (const [, name, list, arg] of rows) {
      const info = k8sauditFieldInfo(name as string);
      assert.ok(info, `${name} is not extracted`);
      assert.equal(info.list, list !== undefined, `${name} list`);
      const expected = arg === 'None' ? 'none' : arg?.startsWith('Key') ? 'key' : 'index';
      assert.equal(info.arg, expected, `${name} argument`);
    }
    assert.equal(K8SAUDIT_FIELDS.length, rows.length, 'no field beyond the table');
  });
});
