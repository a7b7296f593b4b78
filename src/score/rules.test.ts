// One matching and one non-matching case per kubesec rule; the source of truth for each is
// controlplaneio/kubesec pkg/rules/<rule>.go at a59caad (and v2.14.2 for the annotation rules),
// as summarised in reference/kubesec.md §1.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Mapping } from '../model/path.ts';
import type { ScoreProfile } from './rule.ts';
import { ruleIds } from './ruleset.ts';
import { scoreObject } from './score.ts';

const pod = (spec: Mapping, metadata: Mapping = { name: 'p' }): Mapping => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata,
  spec,
});
const container = (extra: Mapping = {}): Mapping => ({ name: 'app', image: 'app:1', ...extra });
const withContext = (securityContext: Mapping): Mapping =>
  pod({ containers: [container({ securityContext })] });

function matched(object: Mapping, id: string, profile: ScoreProfile = 'kubesec-head'): boolean {
  const result = scoreObject(object, { profile });
  return [...result.critical, ...result.passed].some((outcome) => outcome.rule.id === id);
}

interface RuleCase {
  readonly id: string;
  readonly source: string;
  readonly matches: Mapping;
  readonly misses: Mapping;
  readonly profile?: ScoreProfile;
}

const statefulSet = (spec: Mapping): Mapping => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 's' },
  spec: { template: { spec: { containers: [container()] } }, ...spec },
});

const CASES: readonly RuleCase[] = [
  {
    id: 'HostNetwork',
    source: 'hostNetwork.go',
    matches: pod({ hostNetwork: true, containers: [] }),
    misses: pod({ hostNetwork: 'true', containers: [] }),
  },
  { id: 'HostPID', source: 'hostPID.go', matches: pod({ hostPID: true }), misses: pod({ hostPID: false }) },
  { id: 'HostIPC', source: 'hostIPC.go', matches: pod({ hostIPC: true }), misses: pod({}) },
  {
    id: 'ReadOnlyRootFilesystem',
    source: 'readOnlyRootFilesystem.go',
    matches: withContext({ readOnlyRootFilesystem: true }),
    misses: withContext({ readOnlyRootFilesystem: 'true' }),
  },
  {
    id: 'RunAsNonRoot',
    source: 'runAsNonRoot.go + helper.go (pod-level inheritance)',
    matches: pod({ securityContext: { runAsNonRoot: true }, containers: [container()] }),
    misses: pod({
      securityContext: { runAsNonRoot: true },
      containers: [container({ securityContext: { runAsNonRoot: false } })],
    }),
  },
  {
    id: 'RunAsUser',
    source: 'runAsUser.go',
    matches: withContext({ runAsUser: 10001 }),
    misses: withContext({ runAsUser: 10000 }),
  },
  {
    id: 'RunAsGroup',
    source: 'runAsGroup.go',
    matches: pod({ securityContext: { runAsGroup: 20000 }, containers: [container()] }),
    misses: pod({ securityContext: { runAsGroup: 20000 } }),
  },
  {
    id: 'Privileged',
    source: 'privileged.go',
    matches: pod({ initContainers: [container({ securityContext: { privileged: true } })] }),
    misses: withContext({ privileged: false }),
  },
  {
    id: 'CapSysAdmin',
    source: 'capSysAdmin.go (substring)',
    matches: withContext({ capabilities: { add: ['NET_ADMIN', 'CAP_SYS_ADMIN'] } }),
    misses: withContext({ capabilities: { add: ['CHOWN'] } }),
  },
  {
    id: 'CapDropAny',
    source: 'capDropAny.go',
    matches: withContext({ capabilities: { drop: ['NET_RAW'] } }),
    misses: withContext({ capabilities: { drop: [] } }),
  },
  {
    id: 'CapDropAll',
    source: 'capDropAll.go (upper-cased text)',
    matches: withContext({ capabilities: { drop: ['all'] } }),
    misses: withContext({ capabilities: { drop: ['NET_RAW'] } }),
  },
  {
    id: 'DockerSock',
    source: 'dockerSock.go',
    matches: pod({ volumes: [{ name: 'd', hostPath: { path: '/var/run/docker.sock' } }] }),
    misses: pod({ volumes: [{ name: 'd', hostPath: { path: '/var/run' } }] }),
  },
  {
    id: 'ProcMount',
    source: 'procMount.go (substring)',
    matches: pod({ volumes: [{ name: 'p', hostPath: { path: '/proc/sys' } }] }),
    misses: pod({ volumes: [{ name: 'p', emptyDir: {} }] }),
  },
  {
    id: 'RequestsCPU',
    source: 'requestsCPU.go (key present, even null)',
    matches: pod({ containers: [container({ resources: { requests: { cpu: null } } })] }),
    misses: pod({ initContainers: [container({ resources: { requests: { cpu: '1' } } })] }),
  },
  {
    id: 'LimitsCPU',
    source: 'limitsCPU.go',
    matches: pod({ containers: [container({ resources: { limits: { cpu: '1' } } })] }),
    misses: pod({ containers: [container({ resources: { requests: { cpu: '1' } } })] }),
  },
  {
    id: 'RequestsMemory',
    source: 'requestsMemory.go',
    matches: pod({ containers: [container({ resources: { requests: { memory: '1Gi' } } })] }),
    misses: pod({ containers: [container()] }),
  },
  {
    id: 'LimitsMemory',
    source: 'limitsMemory.go',
    matches: pod({ containers: [container({ resources: { limits: { memory: '1Gi' } } })] }),
    misses: pod({ ephemeralContainers: [container({ resources: { limits: { memory: '1Gi' } } })] }),
  },
  {
    id: 'ServiceAccountName',
    source: 'serviceAccountName.go ("" counts)',
    matches: pod({ serviceAccountName: '' }),
    misses: pod({ serviceAccountName: null }),
  },
  {
    id: 'HostAliases',
    source: 'hostAliases.go ([] counts)',
    matches: pod({ hostAliases: [] }),
    misses: pod({}),
  },
  {
    id: 'SeccompAny',
    source: 'seccompAny.go',
    matches: pod({
      containers: [container({ securityContext: { seccompProfile: { type: 'RuntimeDefault' } } })],
    }),
    misses: pod({
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      containers: [container({ securityContext: { seccompProfile: { type: 'Unconfined' } } })],
    }),
  },
  {
    id: 'SeccompUnconfined',
    source: 'seccompUnconfined.go',
    matches: pod({ securityContext: { seccompProfile: { type: 'Unconfined' } }, containers: [container()] }),
    misses: pod({ securityContext: { seccompProfile: { type: 'Unconfined' } }, containers: [] }),
  },
  {
    id: 'ApparmorAny',
    source: 'apparmorAny.go',
    matches: pod({
      ephemeralContainers: [container({ securityContext: { appArmorProfile: { type: 'Localhost' } } })],
    }),
    misses: pod({
      containers: [container({ securityContext: { appArmorProfile: { type: 'Unconfined' } } })],
    }),
  },
  {
    id: 'ApparmorUnconfined',
    source: 'apparmorUnconfined.go',
    matches: pod({
      containers: [container({ securityContext: { appArmorProfile: { type: 'Unconfined' } } })],
    }),
    misses: pod({
      containers: [container({ securityContext: { appArmorProfile: { type: 'RuntimeDefault' } } })],
    }),
  },
  {
    id: 'VolumeClaimAccessModeReadWriteOnce',
    source: 'volumeClaimAccessModeReadWriteOnce.go',
    matches: statefulSet({ volumeClaimTemplates: [{ spec: { accessModes: ['ReadWriteOnce'] } }] }),
    misses: statefulSet({
      volumeClaimTemplates: [{ spec: { accessModes: ['ReadWriteOnce', 'ReadOnlyMany'] } }],
    }),
  },
  {
    id: 'VolumeClaimRequestsStorage',
    source: 'volumeClaimRequestsStorage.go (vacuous without templates)',
    matches: statefulSet({}),
    misses: statefulSet({ volumeClaimTemplates: [{ spec: { resources: {} } }] }),
  },
  {
    id: 'AllowPrivilegeEscalation',
    source: 'allowPrivilegeEscalation.go',
    matches: withContext({ allowPrivilegeEscalation: true }),
    misses: withContext({ allowPrivilegeEscalation: false }),
  },
  {
    id: 'AutomountServiceAccountToken',
    source: 'automountServiceAccountToken.go',
    matches: pod({ automountServiceAccountToken: false }),
    misses: pod({ automountServiceAccountToken: 'false' }),
  },
  {
    id: 'HostUsers',
    source: 'hostUsers.go',
    matches: pod({ hostUsers: false }),
    misses: pod({ hostUsers: true }),
  },
  {
    id: 'SecretsAsEnvironmentVariables',
    source: 'secretsAsEnvironmentVariables.go',
    matches: {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      spec: {
        jobTemplate: {
          spec: {
            template: { spec: { containers: [container({ envFrom: [{ secretRef: { name: 's' } }] })] } },
          },
        },
      },
    },
    misses: pod({
      containers: [
        container({ env: [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'c', key: 'k' } } }] }),
      ],
    }),
  },
  {
    id: 'BindingsToSystemAnonymous',
    source: 'bindingsToSystemAnonymous.go',
    matches: {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      subjects: [{ kind: 'User', name: 'system:anonymous' }],
    },
    misses: {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      subjects: [{ kind: 'Group', name: 'system:authenticated' }],
    },
  },
  {
    id: 'SeccompAny',
    profile: 'kubesec-2.14',
    source: 'v2.14.2 seccompAny.go (annotations)',
    matches: pod(
      { containers: [container()] },
      { name: 'p', annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'runtime/default' } },
    ),
    misses: pod({
      containers: [container({ securityContext: { seccompProfile: { type: 'RuntimeDefault' } } })],
    }),
  },
  {
    id: 'SeccompUnconfined',
    profile: 'kubesec-2.14',
    source: 'v2.14.2 seccompUnconfined.go (annotations)',
    matches: pod({}, { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' } }),
    misses: pod({}, { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'runtime/default' } }),
  },
  {
    id: 'ApparmorAny',
    profile: 'kubesec-2.14',
    source: 'v2.14.2 apparmorAny.go (annotations)',
    matches: pod(
      {},
      { annotations: { 'container.apparmor.security.beta.kubernetes.io/app': 'runtime/default' } },
    ),
    misses: pod({}, { annotations: { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined' } }),
  },
  {
    id: 'ReadOnlyRootFilesystem',
    profile: 'kubesec-2.14',
    source: 'v2.14.2 visits init and regular containers only',
    matches: pod({ initContainers: [container({ securityContext: { readOnlyRootFilesystem: true } })] }),
    misses: pod({ ephemeralContainers: [container({ securityContext: { readOnlyRootFilesystem: true } })] }),
  },
];

describe('kubesec rules', () => {
  for (const rule of CASES) {
    const profile = rule.profile ?? 'kubesec-head';
    it(`${rule.id} [${profile}] matches (kubesec pkg/rules/${rule.source})`, () => {
      assert.equal(matched(rule.matches, rule.id, profile), true);
    });
    it(`${rule.id} [${profile}] does not match (kubesec pkg/rules/${rule.source})`, () => {
      assert.equal(matched(rule.misses, rule.id, profile), false);
    });
  }

  it('covers every rule of kubesec master (30) and v2.14.2 (26)', () => {
    assert.equal(ruleIds('kubesec-head').length, 30);
    assert.equal(ruleIds('kubesec-2.14').length, 26);
    const tested = new Set(CASES.filter((c) => c.profile === undefined).map((c) => c.id));
    assert.deepEqual([...tested].sort(), ruleIds('kubesec-head'));
    assert.ok(!ruleIds('kubesec-2.14').includes('ApparmorUnconfined'));
  });
});

describe('kubesec scoring (pkg/ruler/ruleset.go checkRules)', () => {
  it('applies rules per kind: Pod 27, StatefulSet 29, ReplicaSet/Job/CronJob 1, bindings 1, ConfigMap none', () => {
    const count = (kind: string): number => scoreObject({ kind }).outcomes.length;
    assert.equal(count('Pod'), 27);
    assert.equal(count('Deployment'), 27);
    assert.equal(count('DaemonSet'), 27);
    assert.equal(count('StatefulSet'), 29);
    for (const kind of ['ReplicaSet', 'Job', 'CronJob', 'RoleBinding', 'ClusterRoleBinding'])
      assert.equal(count(kind), 1);
    assert.equal(scoreObject({ kind: 'ConfigMap' }).supported, false);
  });

  it('sums points with no cap: a critical match can be outweighed (kubesec #471)', () => {
    const result = scoreObject(
      pod({
        serviceAccountName: 'app',
        containers: [
          container({
            securityContext: {
              allowPrivilegeEscalation: true,
              runAsNonRoot: true,
              readOnlyRootFilesystem: true,
              runAsUser: 10001,
              runAsGroup: 10001,
            },
          }),
        ],
      }),
    );
    assert.equal(result.score, -7 + 3 + 4);
    assert.deepEqual(
      result.critical.map((o) => o.rule.id),
      ['AllowPrivilegeEscalation'],
    );
  });

  it('counts points once per rule, not per container (kubectl-kubesec#10)', () => {
    const hardened = container({ securityContext: { readOnlyRootFilesystem: true } });
    assert.equal(scoreObject(pod({ containers: [hardened, hardened, hardened] })).score, 1);
  });

  it('sorts critical most negative first, passed and advise highest first, ties by selector', () => {
    const result = scoreObject(
      pod({
        hostPID: true,
        containers: [container({ securityContext: { privileged: true, allowPrivilegeEscalation: true } })],
      }),
    );
    assert.deepEqual(
      result.critical.map((o) => o.rule.id),
      ['Privileged', 'HostPID', 'AllowPrivilegeEscalation'],
    );
    assert.deepEqual(
      result.advise.slice(0, 3).map((o) => o.rule.id),
      ['ApparmorAny', 'ServiceAccountName', 'AutomountServiceAccountToken'],
    );
  });

  it('--rules keeps only the named rules (ruleset_test: HostNetwork,RunAsNonRoot,RunAsUser → 1 critical, 1 advise)', () => {
    const result = scoreObject(
      {
        kind: 'Deployment',
        spec: {
          template: {
            spec: { hostNetwork: true, containers: [container({ securityContext: { runAsNonRoot: true } })] },
          },
        },
      },
      { rules: ['HostNetwork', 'RunAsNonRoot', 'RunAsUser'] },
    );
    assert.equal(result.outcomes.length, 3);
    assert.equal(result.critical.length, 1);
    assert.equal(result.passed.length, 1);
    assert.equal(result.advise.length, 1);
  });

  it('returns the path of every field that matched, relative to the object', () => {
    const result = scoreObject({
      kind: 'Deployment',
      spec: {
        template: {
          spec: { containers: [container(), container({ securityContext: { privileged: true } })] },
        },
      },
    });
    assert.deepEqual(result.critical[0]?.paths, [
      ['spec', 'template', 'spec', 'containers', 1, 'securityContext', 'privileged'],
    ]);
  });
});
