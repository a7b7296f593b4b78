// Rule coverage under an audit Policy: the policy's first matching rule decides the level and the
// stages left out (k8s.io/apiserver pkg/audit/policy/checker.go: users, userGroups, verbs,
// resources with group, `*`, `x/*` and `*/sub` forms, resourceNames, namespaces, nonResourceURLs,
// omitStages; no matching rule is level None). A rule that reads the request object needs level
// Request, one that reads the response object RequestResponse (at Metadata the event carries neither).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileRules, ruleCoverage } from './index.ts';
import { testRulesFile } from './testing/audit-fixtures.ts';

const ruleset = compileRules([testRulesFile('cluster-guard-rules.yaml')]);

function coverage(policy: unknown): Record<string, string> {
  return Object.fromEntries(
    ruleCoverage(ruleset, policy).map((c) => [c.rule, c.canFire ? 'fires' : (c.reason ?? '')]),
  );
}

const policy = (...rules: unknown[]): unknown => ({ apiVersion: 'audit.k8s.io/v1', kind: 'Policy', rules });

describe('ruleCoverage', () => {
  it('lets every rule fire when everything is logged with request and response', () => {
    assert.ok(Object.values(coverage(policy({ level: 'RequestResponse' }))).every((v) => v === 'fires'));
  });

  it('keeps rules on request objects from firing at level Metadata, and says which field needs what', () => {
    const result = coverage(policy({ level: 'Metadata' }));
    assert.equal(
      result['Guard Privileged Container'],
      'reads ka.req.pod.containers.privileged, which needs level Request, but the audit policy logs create pods at level Metadata (policy rule 1)',
    );
    assert.equal(
      result['Guard Cluster Admin Binding'],
      'reads ka.req.binding.role, which needs level Request, but the audit policy logs create clusterrolebindings at level Metadata (policy rule 1)',
    );
    assert.match(
      result['Guard Credentials In ConfigMap'] ?? '',
      /^reads ka\.req\.configmap\.obj, which needs level Request/,
    );
    for (const rule of [
      'Guard Exec',
      'Guard Secret Read',
      'Guard Anonymous',
      'Guard New Namespace',
      'Guard Ingress Without TLS',
    ])
      assert.equal(result[rule], 'fires', rule);
  });

  it('follows the first matching policy rule: resources by group, namespaces, users, level None', () => {
    const result = coverage(
      policy(
        { level: 'None', resources: [{ group: '', resources: ['secrets'] }] },
        { level: 'None', users: ['system:anonymous'] },
        { level: 'Request', resources: [{ group: '', resources: ['pods'] }], namespaces: ['default'] },
        { level: 'Metadata' },
      ),
    );
    assert.equal(
      result['Guard Secret Read'],
      'the audit policy logs get secrets at level None (policy rule 1)',
    );
    assert.equal(result['Guard Privileged Container'], 'fires');
    assert.equal(result['Guard Docker Socket'], 'fires');
    assert.match(
      result['Guard Wildcard Role'] ?? '',
      /needs level Request, but the audit policy logs create (roles|clusterroles) at level Metadata \(policy rule 4\)/,
    );
    assert.equal(
      result['Guard Anonymous'],
      'the audit policy logs any request to a non-resource URL at level None (policy rule 2)',
    );
  });

  it('accounts for omitted stages, in the policy and in a rule', () => {
    assert.match(
      coverage({ ...(policy({ level: 'Metadata' }) as object), omitStages: ['ResponseStarted'] })[
        'Guard Exec'
      ] ?? '',
      /^needs stage ResponseStarted, which the audit policy omits for any request on pods\/(exec|attach) \(policy rule 1\)$/,
    );
    const perRule = coverage(
      policy(
        { level: 'RequestResponse', omitStages: ['ResponseComplete'], verbs: ['create'] },
        { level: 'Metadata' },
      ),
    );
    assert.match(
      perRule['Guard Privileged Container'] ?? '',
      /^needs stage ResponseComplete, which the audit policy omits for create pods \(policy rule 1\)$/,
    );
    assert.equal(perRule['Guard Secret Read'], 'fires');
  });

  it('matches subresources and resource wildcards as the API server does', () => {
    const result = coverage(
      policy(
        { level: 'None', resources: [{ group: '', resources: ['pods/*'] }] },
        { level: 'RequestResponse' },
      ),
    );
    assert.match(
      result['Guard Privileged Container'] ?? '',
      /level None \(policy rule 1\)$/,
      'pods/* also covers pods',
    );
    assert.equal(
      result['Guard Exec'],
      'the audit policy logs any request on pods/exec at level None (policy rule 1)',
    );
    assert.equal(result['Guard Cluster Admin Binding'], 'fires');
    const star = coverage(
      policy(
        { level: 'None', resources: [{ group: '', resources: ['*/exec', '*/attach'] }] },
        { level: 'Metadata' },
      ),
    );
    assert.match(star['Guard Exec'] ?? '', /level None \(policy rule 1\)$/);
  });

  it('reads an empty or malformed policy as logging nothing', () => {
    assert.ok(Object.values(coverage({})).every((v) => v.includes('level None (no policy rule matches)')));
    assert.ok(Object.values(coverage('not a policy')).every((v) => v.includes('level None')));
  });

  it('refuses a ruleset it did not compile', () => {
    assert.throws(
      () => ruleCoverage({ rules: [], notes: [], requiredPluginVersions: [], match: () => [] }, {}),
      TypeError,
    );
  });
});
