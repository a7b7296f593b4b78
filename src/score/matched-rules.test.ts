import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchedRules, reportOrder } from './matched-rules.ts';
import { rulesForKind } from './ruleset.ts';
import { criticalOutcomes, matchRules, passedOutcomes } from './score.ts';

/** Objects matching rules of every sign (negative, zero-free positive), with and without containers. */
const OBJECTS = [
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      template: {
        spec: {
          hostNetwork: true,
          hostAliases: [],
          serviceAccountName: 'web',
          automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, runAsUser: 20000, seccompProfile: { type: 'Unconfined' } },
          volumes: [{ name: 'proc', hostPath: { path: '/proc' } }],
          containers: [
            {
              name: 'app',
              env: [{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }],
              resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1' } },
              securityContext: {
                privileged: true,
                allowPrivilegeEscalation: true,
                readOnlyRootFilesystem: true,
                capabilities: { add: ['SYS_ADMIN'], drop: ['ALL'] },
                appArmorProfile: { type: 'RuntimeDefault' },
              },
            },
          ],
        },
      },
    },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db' },
    spec: {
      volumeClaimTemplates: [{ spec: { accessModes: ['ReadWriteOnce'] } }],
      template: { spec: { hostPID: true, containers: [{ name: 'db' }] } },
    },
  },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: 'anyone' },
    subjects: [{ kind: 'User', name: 'system:anonymous' }],
  },
  { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'empty' }, spec: {} },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'unscored' } },
];

describe('matchedRules', () => {
  for (const object of OBJECTS)
    it(`flags the rules matchRules matches, with its score (${object.kind})`, () => {
      const { outcomes, score } = matchRules(object);
      const flags = matchedRules(object);
      assert.deepEqual(
        flags.rules.map((rule) => rule.id),
        outcomes.map(({ rule }) => rule.id),
      );
      assert.deepEqual(
        flags.matched,
        outcomes.map(({ matched }) => matched),
      );
      assert.equal(flags.score, score);
    });
});

describe('reportOrder', () => {
  for (const object of OBJECTS)
    it(`lists matched rules in the order of the critical and passed buckets (${object.kind})`, () => {
      const { outcomes } = matchRules(object);
      const { rules, matched } = matchedRules(object);
      const ordered = reportOrder(rules).filter((i) => matched[i] === true);
      const ids = (negative: boolean): string[] =>
        ordered.flatMap((i) => (rules[i] && rules[i].points < 0 === negative ? [rules[i].id] : []));
      assert.deepEqual(
        ids(true),
        criticalOutcomes(outcomes).map(({ rule }) => rule.id),
      );
      assert.deepEqual(
        ids(false),
        passedOutcomes(outcomes).map(({ rule }) => rule.id),
      );
    });

  it('orders every rule of a kind as kubesec sorts them, once per rule list', () => {
    const rules = rulesForKind('kubesec-head', 'Deployment');
    assert.equal(reportOrder(rules), reportOrder(rules));
    const points = reportOrder(rules).map((i) => rules[i]?.points ?? 0);
    const positives = points.filter((p) => p > 0);
    assert.deepEqual(
      positives,
      [...positives].sort((a, b) => b - a),
    );
    assert.deepEqual(points.slice(0, positives.length), positives);
  });
});
