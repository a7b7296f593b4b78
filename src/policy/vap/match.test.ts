// MatchResources semantics of ValidatingAdmissionPolicy (kubernetes/api admissionregistration/v1
// types.go; kubernetes/apiserver pkg/admission/plugin/policy/matching/matching.go and
// pkg/admission/plugin/webhook/predicates/rules/rules.go). Each rule: one case that matches, one that does not.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadSources } from '../../load/load.ts';
import type { Resource } from '../../model/resource.ts';
import { kindTable } from './kinds.ts';
import { matchResources } from './match.ts';
import type { MatchResources, ResourceRule } from './model.ts';
import { OFFLINE_USER, admissionAttributes, namespaceObjects } from './request.ts';
import type { Operation } from './request.ts';

function resourcesOf(text: string): readonly Resource[] {
  return loadSources([{ file: 'in.yaml', text, format: 'yaml', named: true }]).resources;
}

const MANIFESTS = resourcesOf(`
apiVersion: v1
kind: Namespace
metadata: {name: prod, labels: {env: prod}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: prod, labels: {app: web}}
---
apiVersion: extensions/v1beta1
kind: Deployment
metadata: {name: legacy, namespace: dev}
---
apiVersion: v1
kind: Pod
metadata: {name: loose}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: reader}
`);

function subject(name: string): Resource {
  const found = MANIFESTS.find((resource) => resource.name === name);
  if (found === undefined) throw new Error(name);
  return found;
}

function attributes(name: string, operation: Operation = 'CREATE', old?: Resource) {
  return admissionAttributes(subject(name), operation, old, {
    kinds: kindTable(MANIFESTS),
    namespaces: namespaceObjects(MANIFESTS),
    defaultNamespace: 'default',
    userInfo: OFFLINE_USER,
  });
}

const rule = (overrides: Partial<ResourceRule> = {}): ResourceRule => ({
  operations: ['CREATE'],
  apiGroups: ['apps'],
  apiVersions: ['v1'],
  resources: ['deployments'],
  scope: '*',
  resourceNames: [],
  ...overrides,
});

const match = (overrides: Partial<MatchResources> = {}): MatchResources => ({
  namespaceSelector: {},
  objectSelector: {},
  resourceRules: [rule()],
  excludeResourceRules: [],
  matchPolicy: 'Equivalent',
  ...overrides,
});

const matches = (
  m: MatchResources,
  name: string,
  operation: Operation = 'CREATE',
  requireRules = true,
): boolean => matchResources(m, attributes(name, operation), requireRules).matches;

describe('resourceRules', () => {
  it('an exact rule matches and another resource does not', () => {
    assert.equal(matches(match(), 'web'), true);
    assert.equal(matches(match({ resourceRules: [rule({ resources: ['statefulsets'] })] }), 'web'), false);
  });
  it('operations: listed or *; UPDATE does not match a CREATE-only rule', () => {
    assert.equal(matches(match({ resourceRules: [rule({ operations: ['*'] })] }), 'web', 'UPDATE'), true);
    assert.equal(matches(match(), 'web', 'UPDATE'), false);
  });
  it('wildcards: * group, version and resource match; "*" resource excludes nothing for a main resource', () => {
    assert.equal(
      matches(
        match({ resourceRules: [rule({ apiGroups: ['*'], apiVersions: ['*'], resources: ['*'] })] }),
        'web',
      ),
      true,
    );
    assert.equal(
      matches(
        match({ resourceRules: [rule({ apiGroups: ['*'], apiVersions: ['*'], resources: ['*/*'] })] }),
        'loose',
      ),
      true,
    );
    assert.equal(matches(match({ resourceRules: [rule({ resources: ['deployments/*'] })] }), 'web'), true);
    assert.equal(matches(match({ resourceRules: [rule({ resources: ['*/scale'] })] }), 'web'), false);
  });
  it('scope: Namespaced matches a Deployment, Cluster does not', () => {
    assert.equal(matches(match({ resourceRules: [rule({ scope: 'Namespaced' })] }), 'web'), true);
    assert.equal(matches(match({ resourceRules: [rule({ scope: 'Cluster' })] }), 'web'), false);
  });
  it('resourceNames: empty = all, otherwise the name must be listed', () => {
    assert.equal(matches(match({ resourceRules: [rule({ resourceNames: ['web'] })] }), 'web'), true);
    assert.equal(matches(match({ resourceRules: [rule({ resourceNames: ['api'] })] }), 'web'), false);
  });
  it('a policy needs a matching rule; a binding without rules constrains nothing', () => {
    assert.equal(matches(match({ resourceRules: [] }), 'web', 'CREATE', true), false);
    assert.equal(matches(match({ resourceRules: [] }), 'web', 'CREATE', false), true);
  });
});

describe('excludeResourceRules win over resourceRules', () => {
  it('an excluded name does not match, another name does', () => {
    const m = match({ excludeResourceRules: [rule({ resourceNames: ['web'] })] });
    assert.equal(matches(m, 'web'), false);
    assert.equal(matches(match({ excludeResourceRules: [rule({ resourceNames: ['other'] })] }), 'web'), true);
  });
});

describe('matchPolicy', () => {
  const appsRule = match({ resourceRules: [rule({ apiGroups: ['apps'], apiVersions: ['v1'] })] });
  it('Equivalent matches extensions/v1beta1 Deployments against an apps/v1 rule', () => {
    assert.equal(matches(appsRule, 'legacy'), true);
  });
  it('Exact does not', () => {
    assert.equal(matches({ ...appsRule, matchPolicy: 'Exact' }, 'legacy'), false);
  });
});

describe('namespaceSelector', () => {
  it('selects by the Namespace manifest labels', () => {
    assert.equal(matches(match({ namespaceSelector: { matchLabels: { env: 'prod' } } }), 'web'), true);
    assert.equal(matches(match({ namespaceSelector: { matchLabels: { env: 'dev' } } }), 'web'), false);
  });
  it('every namespace carries kubernetes.io/metadata.name, even without a manifest', () => {
    const pods = match({ resourceRules: [rule({ apiGroups: [''], resources: ['pods'] })] });
    assert.equal(
      matches(
        { ...pods, namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'default' } } },
        'loose',
      ),
      true,
    );
    assert.equal(
      matches(
        {
          ...pods,
          namespaceSelector: {
            matchExpressions: [
              { key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['default'] },
            ],
          },
        },
        'loose',
      ),
      false,
    );
  });
  it('a Namespace is matched by its own labels', () => {
    const namespaces = match({ resourceRules: [rule({ apiGroups: [''], resources: ['namespaces'] })] });
    assert.equal(
      matches({ ...namespaces, namespaceSelector: { matchLabels: { env: 'prod' } } }, 'prod'),
      true,
    );
    assert.equal(
      matches({ ...namespaces, namespaceSelector: { matchLabels: { env: 'dev' } } }, 'prod'),
      false,
    );
  });
  it('other cluster-scoped objects are never excluded by it', () => {
    const roles = match({
      resourceRules: [rule({ apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'] })],
    });
    assert.equal(matches({ ...roles, namespaceSelector: { matchLabels: { env: 'none' } } }, 'reader'), true);
  });
});

describe('objectSelector', () => {
  it('selects by the object labels', () => {
    assert.equal(matches(match({ objectSelector: { matchLabels: { app: 'web' } } }), 'web'), true);
    assert.equal(matches(match({ objectSelector: { matchLabels: { app: 'api' } } }), 'web'), false);
  });
  it('on UPDATE the old object counts too', () => {
    const [old] = resourcesOf(
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: prod, labels: {app: api}}\n',
    );
    const update = {
      ...match({ objectSelector: { matchLabels: { app: 'api' } } }),
      resourceRules: [rule({ operations: ['UPDATE'] })],
    };
    assert.equal(matchResources(update, attributes('web', 'UPDATE', old), true).matches, true);
    assert.equal(matchResources(update, attributes('web', 'UPDATE'), true).matches, false);
  });
});
