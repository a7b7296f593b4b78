import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchRules } from './score.ts';

/** A Deployment that matches rules of every shape: container, inherited, pod and resource fields. */
const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: {
    template: {
      spec: {
        hostNetwork: true,
        securityContext: { runAsNonRoot: true },
        volumes: [{ name: 'sock', hostPath: { path: '/var/run/docker.sock' } }],
        containers: [
          {
            name: 'app',
            image: 'nginx',
            env: [{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }],
            resources: { limits: { cpu: '1' } },
            securityContext: { privileged: true, capabilities: { drop: ['ALL'] } },
          },
        ],
      },
    },
  },
};

describe('matchRules without locations', () => {
  it('matches the same rules and scores the same as with them', () => {
    const located = matchRules(deployment);
    const unlocated = matchRules(deployment, { located: false });
    assert.equal(unlocated.score, located.score);
    assert.deepEqual(
      unlocated.outcomes.map(({ rule, matched }) => [rule.id, matched]),
      located.outcomes.map(({ rule, matched }) => [rule.id, matched]),
    );
    assert.ok(located.outcomes.some(({ matched }) => !matched));
  });

  it('locates every matched field only when asked', () => {
    const paths = (located: boolean, id: string) =>
      matchRules(deployment, { located }).outcomes.find(({ rule }) => rule.id === id)?.paths;
    assert.deepEqual(paths(true, 'Privileged'), [
      ['spec', 'template', 'spec', 'containers', 0, 'securityContext', 'privileged'],
    ]);
    assert.deepEqual(paths(true, 'RunAsNonRoot'), [
      ['spec', 'template', 'spec', 'securityContext', 'runAsNonRoot'],
    ]);
    assert.deepEqual(paths(true, 'LimitsCPU'), [
      ['spec', 'template', 'spec', 'containers', 0, 'resources', 'limits', 'cpu'],
    ]);
    assert.deepEqual(paths(false, 'Privileged'), [[]]);
    assert.deepEqual(paths(false, 'RunAsNonRoot'), [[]]);
    assert.deepEqual(paths(false, 'RequestsCPU'), []);
  });
});
