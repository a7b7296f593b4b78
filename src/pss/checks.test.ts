// Table-driven semantics of every PSA check, at every policy version where it changed. The source of
// truth for each row is kubernetes/pod-security-admission policy/check_<id>.go (and its _test.go);
// expected strings are PSA's `ForbiddenReason (ForbiddenDetail)`, byte for byte.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Mapping } from '../model/path.ts';
import type { PssCheckId } from './check.ts';
import { formatResult } from './check.ts';
import { evaluateCheck } from './evaluate.ts';
import type { PssLevel } from './level.ts';
import type { PolicyVersion } from './version.ts';

interface Row {
  readonly name: string;
  readonly id: PssCheckId;
  readonly level?: PssLevel;
  readonly version?: PolicyVersion;
  readonly spec: Mapping;
  readonly metadata?: Mapping;
  /** PSA's message, 'allowed', or 'not run' when the check is not in force at that level and version. */
  readonly expected: string;
}

const c = (name: string, securityContext?: Mapping, extra: Mapping = {}): Mapping => ({
  name,
  ...(securityContext ? { securityContext } : {}),
  ...extra,
});

const RESTRICTED_OK = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  runAsNonRoot: true,
  seccompProfile: { type: 'RuntimeDefault' },
};

const ROWS: readonly Row[] = [
  // check_privileged.go
  { name: 'privileged unset', id: 'privileged', spec: { containers: [c('a')] }, expected: 'allowed' },
  {
    name: 'privileged false',
    id: 'privileged',
    spec: { containers: [c('a', { privileged: false })] },
    expected: 'allowed',
  },
  {
    name: 'privileged in init, regular and ephemeral containers, in visit order',
    id: 'privileged',
    spec: {
      ephemeralContainers: [c('e', { privileged: true })],
      containers: [c('b', { privileged: true }), c('ok')],
      initContainers: [c('a', { privileged: true })],
    },
    expected: 'privileged (containers "a", "b", "e" must not set securityContext.privileged=true)',
  },
  // check_hostNamespaces.go
  {
    name: 'host namespaces false',
    id: 'hostNamespaces',
    spec: { hostNetwork: false, containers: [c('a')] },
    expected: 'allowed',
  },
  {
    name: 'host namespaces in field order',
    id: 'hostNamespaces',
    spec: { hostIPC: true, hostPID: true, hostNetwork: true, containers: [c('a')] },
    expected: 'host namespaces (hostNetwork=true, hostPID=true, hostIPC=true)',
  },
  // check_hostPorts.go
  {
    name: 'hostPort 0 is allowed',
    id: 'hostPorts',
    spec: { containers: [c('a', undefined, { ports: [{ containerPort: 80, hostPort: 0 }] })] },
    expected: 'allowed',
  },
  {
    name: 'one hostPort',
    id: 'hostPorts',
    spec: { containers: [c('a', undefined, { ports: [{ containerPort: 8080, hostPort: 8080 }] })] },
    expected: 'hostPort (container "a" uses hostPort 8080)',
  },
  {
    name: 'hostPorts sorted as strings, deduplicated, containers in order',
    id: 'hostPorts',
    spec: {
      containers: [
        c('a', undefined, { ports: [{ hostPort: 443 }, { hostPort: 80 }] }),
        c('b', undefined, { ports: [{ hostPort: 1000 }, { hostPort: 80 }] }),
      ],
    },
    expected: 'hostPort (containers "a", "b" use hostPorts 1000, 443, 80)',
  },
  // check_hostPathVolumes.go
  {
    name: 'hostPath volumes',
    id: 'hostPathVolumes',
    level: 'baseline',
    spec: {
      containers: [c('a')],
      volumes: [
        { name: 'x', hostPath: { path: '/' } },
        { name: 'e', emptyDir: {} },
        { name: 'y', hostPath: { path: '/etc' } },
      ],
    },
    expected: 'hostPath volumes (volumes "x", "y")',
  },
  {
    name: 'hostPathVolumes is replaced by restrictedVolumes at restricted',
    id: 'hostPathVolumes',
    level: 'restricted',
    spec: { containers: [c('a')], volumes: [{ name: 'x', hostPath: { path: '/' } }] },
    expected: 'not run',
  },
  // check_capabilities_baseline.go (upstream test "multiple containers")
  {
    name: 'non-default capabilities, sorted and deduplicated',
    id: 'capabilities_baseline',
    level: 'baseline',
    spec: {
      containers: [
        c('a', { capabilities: { add: ['FOO', 'BAR'] } }),
        c('b', { capabilities: { add: ['BAR', 'BAZ'] } }),
      ],
    },
    expected:
      'non-default capabilities (containers "a", "b" must not include "BAR", "BAZ", "FOO" in securityContext.capabilities.add)',
  },
  {
    name: 'capabilities compared exactly: CAP_ prefix and lower case are not default',
    id: 'capabilities_baseline',
    level: 'baseline',
    spec: { containers: [c('a', { capabilities: { add: ['CHOWN', 'CAP_CHOWN', 'chown'] } })] },
    expected:
      'non-default capabilities (container "a" must not include "CAP_CHOWN", "chown" in securityContext.capabilities.add)',
  },
  {
    name: 'capabilities_baseline still runs at restricted v1.21',
    id: 'capabilities_baseline',
    level: 'restricted',
    version: 21,
    spec: { containers: [c('a', { capabilities: { add: ['NET_ADMIN'] } })] },
    expected:
      'non-default capabilities (container "a" must not include "NET_ADMIN" in securityContext.capabilities.add)',
  },
  {
    name: 'capabilities_baseline overridden at restricted v1.22',
    id: 'capabilities_baseline',
    level: 'restricted',
    version: 22,
    spec: { containers: [c('a', { capabilities: { add: ['NET_ADMIN'] } })] },
    expected: 'not run',
  },
  // check_appArmorProfile.go
  {
    name: 'AppArmor RuntimeDefault and Localhost allowed, annotations runtime/default, localhost/*, empty',
    id: 'appArmorProfile',
    metadata: {
      annotations: {
        'container.apparmor.security.beta.kubernetes.io/a': 'runtime/default',
        'container.apparmor.security.beta.kubernetes.io/b': 'localhost/custom',
        'container.apparmor.security.beta.kubernetes.io/c': '',
      },
    },
    spec: {
      securityContext: { appArmorProfile: { type: 'RuntimeDefault' } },
      containers: [c('a', { appArmorProfile: { type: 'Localhost', localhostProfile: 'p' } })],
    },
    expected: 'allowed',
  },
  {
    name: 'AppArmor Unconfined on the pod',
    id: 'appArmorProfile',
    spec: { securityContext: { appArmorProfile: { type: 'Unconfined' } }, containers: [c('a')] },
    expected: 'forbidden AppArmor profile (pod must not set AppArmor profile type to "Unconfined")',
  },
  {
    name: 'AppArmor: pod, containers and annotations, with the key="value" quoting quirk',
    id: 'appArmorProfile',
    version: 10,
    metadata: {
      annotations: {
        'container.apparmor.security.beta.kubernetes.io/b': 'unconfined',
        'container.apparmor.security.beta.kubernetes.io/a': 'unconfined',
      },
    },
    spec: {
      securityContext: { appArmorProfile: { type: 'Unconfined' } },
      containers: [
        c('a', { appArmorProfile: { type: 'Unconfined' } }),
        c('b', { appArmorProfile: { type: 'Bogus' } }),
      ],
    },
    expected:
      'forbidden AppArmor profiles (pod and containers "a", "b" and annotations must not set AppArmor profile type to "Bogus", "Unconfined", "container.apparmor.security.beta.kubernetes.io/a="unconfined"", "container.apparmor.security.beta.kubernetes.io/b="unconfined"")',
  },
  {
    name: 'AppArmor: one annotation is singular',
    id: 'appArmorProfile',
    metadata: { annotations: { 'container.apparmor.security.beta.kubernetes.io/a': 'unconfined' } },
    spec: { containers: [c('a')] },
    expected:
      'forbidden AppArmor profile (annotation must not set AppArmor profile type to "container.apparmor.security.beta.kubernetes.io/a="unconfined"")',
  },
  // check_seLinuxOptions.go: v1.0 and v1.31
  {
    name: 'seLinux container_engine_t forbidden before v1.31',
    id: 'seLinuxOptions',
    version: 30,
    spec: { containers: [c('a', { seLinuxOptions: { type: 'container_engine_t' } })] },
    expected:
      'seLinuxOptions (container "a" set forbidden securityContext.seLinuxOptions: type "container_engine_t")',
  },
  {
    name: 'seLinux container_engine_t allowed from v1.31',
    id: 'seLinuxOptions',
    version: 31,
    spec: { containers: [c('a', { seLinuxOptions: { type: 'container_engine_t' } })] },
    expected: 'allowed',
  },
  {
    name: 'seLinux level is not checked; allowed types pass',
    id: 'seLinuxOptions',
    spec: {
      securityContext: { seLinuxOptions: { type: 'container_t', level: 's0:c123,c456' } },
      containers: [
        c('a', { seLinuxOptions: { type: 'container_init_t' } }),
        c('b', { seLinuxOptions: { type: 'container_kvm_t' } }),
      ],
    },
    expected: 'allowed',
  },
  {
    name: 'seLinux pod and containers, types sorted, user and role',
    id: 'seLinuxOptions',
    spec: {
      securityContext: { seLinuxOptions: { type: 'spc_t', user: 'system_u' } },
      containers: [
        c('a', { seLinuxOptions: { type: 'foo_t' } }),
        c('b', { seLinuxOptions: { role: 'sysadm_r' } }),
      ],
    },
    expected:
      'seLinuxOptions (pod and containers "a", "b" set forbidden securityContext.seLinuxOptions: types "foo_t", "spc_t"; user may not be set; role may not be set)',
  },
  {
    name: 'seLinux user alone',
    id: 'seLinuxOptions',
    spec: { containers: [c('a', { seLinuxOptions: { user: 'root' } })] },
    expected:
      'seLinuxOptions (container "a" set forbidden securityContext.seLinuxOptions: user may not be set)',
  },
  // check_procMount_baseline.go and check_procMount_restricted.go: the 1.35 split
  {
    name: 'procMount Default allowed',
    id: 'procMount',
    level: 'baseline',
    spec: { containers: [c('a', { procMount: 'Default' })] },
    expected: 'allowed',
  },
  {
    name: 'procMount Unmasked at baseline v1.34 even with hostUsers: false',
    id: 'procMount',
    level: 'baseline',
    version: 34,
    spec: { hostUsers: false, containers: [c('a', { procMount: 'Unmasked' })] },
    expected: 'procMount (container "a" must not set securityContext.procMount to "Unmasked")',
  },
  {
    name: 'procMount Unmasked allowed at baseline v1.35 with hostUsers: false',
    id: 'procMount',
    level: 'baseline',
    version: 35,
    spec: { hostUsers: false, containers: [c('a', { procMount: 'Unmasked' })] },
    expected: 'allowed',
  },
  {
    name: 'procMount Unmasked forbidden at baseline v1.35 without user namespace',
    id: 'procMount',
    level: 'baseline',
    version: 35,
    spec: {
      hostUsers: true,
      containers: [c('a', { procMount: 'Unmasked' }), c('b', { procMount: 'Unmasked' })],
    },
    expected: 'procMount (containers "a", "b" must not set securityContext.procMount to "Unmasked")',
  },
  {
    name: 'baseline procMount still runs at restricted v1.34',
    id: 'procMount',
    level: 'restricted',
    version: 34,
    spec: { containers: [c('a', { procMount: 'Unmasked' })] },
    expected: 'procMount (container "a" must not set securityContext.procMount to "Unmasked")',
  },
  {
    name: 'baseline procMount overridden at restricted v1.35',
    id: 'procMount',
    level: 'restricted',
    version: 35,
    spec: { containers: [c('a', { procMount: 'Unmasked' })] },
    expected: 'not run',
  },
  {
    name: 'procMount_restricted not in force before v1.35',
    id: 'procMount_restricted',
    version: 34,
    spec: { containers: [c('a', { procMount: 'Unmasked' })] },
    expected: 'not run',
  },
  {
    name: 'procMount_restricted forbids Unmasked even with hostUsers: false',
    id: 'procMount_restricted',
    version: 35,
    spec: { hostUsers: false, containers: [c('a', { procMount: 'Unmasked' })] },
    expected: 'procMount (container "a" must not set securityContext.procMount to "Unmasked")',
  },
  // check_seccompProfile_baseline.go: annotations before 1.19, fields after
  {
    name: 'seccomp annotations v1.18: unconfined pod and container annotations, sorted',
    id: 'seccompProfile_baseline',
    level: 'baseline',
    version: 18,
    metadata: {
      annotations: {
        'seccomp.security.alpha.kubernetes.io/pod': 'unconfined',
        'container.seccomp.security.alpha.kubernetes.io/a': 'unconfined',
        'container.seccomp.security.alpha.kubernetes.io/missing': 'unconfined',
        'container.seccomp.security.alpha.kubernetes.io/b': 'docker/default',
      },
    },
    spec: { containers: [c('a'), c('b')] },
    expected:
      'seccompProfile (forbidden annotations container.seccomp.security.alpha.kubernetes.io/a="unconfined", seccomp.security.alpha.kubernetes.io/pod="unconfined")',
  },
  {
    name: 'seccomp field Unconfined ignored at v1.18',
    id: 'seccompProfile_baseline',
    level: 'baseline',
    version: 18,
    spec: { securityContext: { seccompProfile: { type: 'Unconfined' } }, containers: [c('a')] },
    expected: 'allowed',
  },
  {
    name: 'seccomp annotations ignored from v1.19',
    id: 'seccompProfile_baseline',
    level: 'baseline',
    version: 19,
    metadata: { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' } },
    spec: { containers: [c('a')] },
    expected: 'allowed',
  },
  {
    name: 'seccomp field Unconfined from v1.19',
    id: 'seccompProfile_baseline',
    level: 'baseline',
    version: 19,
    spec: {
      securityContext: { seccompProfile: { type: 'Unconfined' } },
      containers: [
        c('a', { seccompProfile: { type: 'Unconfined' } }),
        c('b', { seccompProfile: { type: 'RuntimeDefault' } }),
      ],
    },
    expected:
      'seccompProfile (pod and container "a" must not set securityContext.seccompProfile.type to "Unconfined")',
  },
  {
    name: 'restricted v1.18 checks the seccomp annotations (no restricted seccomp check yet)',
    id: 'seccompProfile_baseline',
    level: 'restricted',
    version: 18,
    metadata: { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' } },
    spec: { containers: [c('a')] },
    expected: 'seccompProfile (forbidden annotation seccomp.security.alpha.kubernetes.io/pod="unconfined")',
  },
  {
    name: 'seccompProfile_baseline overridden at restricted v1.19',
    id: 'seccompProfile_baseline',
    level: 'restricted',
    version: 19,
    spec: { securityContext: { seccompProfile: { type: 'Unconfined' } }, containers: [c('a')] },
    expected: 'not run',
  },
  // check_sysctls.go: 1.0, 1.27, 1.29, 1.32, 1.37
  ...sysctlRows(),
  // check_windowsHostProcess.go
  {
    name: 'hostProcess on pod and containers',
    id: 'windowsHostProcess',
    spec: {
      securityContext: { windowsOptions: { hostProcess: true } },
      containers: [
        c('a', { windowsOptions: { hostProcess: true } }),
        c('b', { windowsOptions: { hostProcess: false } }),
      ],
    },
    expected:
      'hostProcess (pod and container "a" must not set securityContext.windowsOptions.hostProcess=true)',
  },
  // check_hostProbesAndhostLifecycle.go: new in 1.34
  {
    name: 'probe host not checked before v1.34',
    id: 'hostProbesAndHostLifecycle',
    version: 33,
    spec: { containers: [c('a', undefined, { livenessProbe: { httpGet: { host: '10.0.0.1', port: 80 } } })] },
    expected: 'not run',
  },
  {
    name: 'probe host, localhost included',
    id: 'hostProbesAndHostLifecycle',
    version: 34,
    spec: {
      containers: [
        c('a', undefined, {
          livenessProbe: { httpGet: { host: '127.0.0.1' } },
          readinessProbe: { tcpSocket: { host: '::1' } },
          startupProbe: { httpGet: { host: 'localhost' } },
        }),
      ],
    },
    expected:
      'probe or lifecycle host (container "a" uses probe or lifecycle hosts "127.0.0.1", "::1", "localhost")',
  },
  {
    name: 'probe and lifecycle hosts: containers and hosts are sorted sets',
    id: 'hostProbesAndHostLifecycle',
    spec: {
      initContainers: [c('z', undefined, { lifecycle: { postStart: { tcpSocket: { host: 'b.com' } } } })],
      containers: [
        c('valid', undefined, { livenessProbe: { httpGet: { port: 8080 } } }),
        c('m', undefined, {
          lifecycle: { preStop: { httpGet: { host: 'a.com' } } },
          startupProbe: { httpGet: { host: 'a.com' } },
        }),
      ],
    },
    expected: 'probe or lifecycle host (containers "m", "z" use probe or lifecycle hosts "a.com", "b.com")',
  },
  // check_allowPrivilegeEscalation.go: 1.8, 1.25 (Windows)
  {
    name: 'allowPrivilegeEscalation not in force at v1.7',
    id: 'allowPrivilegeEscalation',
    version: 7,
    spec: { containers: [c('a')] },
    expected: 'not run',
  },
  {
    name: 'allowPrivilegeEscalation unset or true',
    id: 'allowPrivilegeEscalation',
    version: 8,
    spec: {
      containers: [
        c('a'),
        c('b', { allowPrivilegeEscalation: true }),
        c('c', { allowPrivilegeEscalation: false }),
      ],
    },
    expected:
      'allowPrivilegeEscalation != false (containers "a", "b" must set securityContext.allowPrivilegeEscalation=false)',
  },
  {
    name: 'allowPrivilegeEscalation: Windows pods not exempt at v1.24',
    id: 'allowPrivilegeEscalation',
    version: 24,
    spec: { os: { name: 'windows' }, containers: [c('a')] },
    expected:
      'allowPrivilegeEscalation != false (container "a" must set securityContext.allowPrivilegeEscalation=false)',
  },
  {
    name: 'allowPrivilegeEscalation: Windows pods exempt from v1.25',
    id: 'allowPrivilegeEscalation',
    version: 25,
    spec: { os: { name: 'windows' }, containers: [c('a')] },
    expected: 'allowed',
  },
  // check_capabilities_restricted.go: 1.22, 1.25 (Windows)
  {
    name: 'capabilities_restricted not in force at v1.21',
    id: 'capabilities_restricted',
    version: 21,
    spec: { containers: [c('a')] },
    expected: 'not run',
  },
  {
    name: 'drop ALL missing and forbidden adds, joined by "; "',
    id: 'capabilities_restricted',
    version: 22,
    spec: {
      containers: [
        c('a'),
        c('b', { capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE', 'SYS_TIME'] } }),
        c('c', { capabilities: { drop: ['NET_RAW'], add: ['CHOWN'] } }),
      ],
    },
    expected:
      'unrestricted capabilities (containers "a", "c" must set securityContext.capabilities.drop=["ALL"]; containers "b", "c" must not include "CHOWN", "SYS_TIME" in securityContext.capabilities.add)',
  },
  {
    name: 'drop must contain "ALL" exactly',
    id: 'capabilities_restricted',
    spec: { containers: [c('a', { capabilities: { drop: ['all'] } })] },
    expected: 'unrestricted capabilities (container "a" must set securityContext.capabilities.drop=["ALL"])',
  },
  {
    name: 'capabilities_restricted: Windows pods exempt from v1.25',
    id: 'capabilities_restricted',
    version: 25,
    spec: { os: { name: 'windows' }, containers: [c('a')] },
    expected: 'allowed',
  },
  {
    name: 'capabilities_restricted: Windows pods not exempt at v1.24',
    id: 'capabilities_restricted',
    version: 24,
    spec: { os: { name: 'windows' }, containers: [c('a')] },
    expected: 'unrestricted capabilities (container "a" must set securityContext.capabilities.drop=["ALL"])',
  },
  // check_restrictedVolumes.go
  {
    name: 'allowed volume types, image included; a volume without source is defaulted to emptyDir',
    id: 'restrictedVolumes',
    spec: {
      containers: [c('a')],
      volumes: [
        { name: 'a', configMap: { name: 'x' } },
        { name: 'b', csi: { driver: 'd' } },
        { name: 'c', downwardAPI: {} },
        { name: 'd', emptyDir: {} },
        { name: 'e', ephemeral: {} },
        { name: 'f', image: { reference: 'r' } },
        { name: 'g', persistentVolumeClaim: { claimName: 'c' } },
        { name: 'h', projected: {} },
        { name: 'i', secret: { secretName: 's' } },
        { name: 'j' },
      ],
    },
    expected: 'allowed',
  },
  {
    name: 'one restricted volume',
    id: 'restrictedVolumes',
    spec: { containers: [c('a')], volumes: [{ name: 'v', nfs: { server: 's', path: '/' } }] },
    expected: 'restricted volume types (volume "v" uses restricted volume type "nfs")',
  },
  {
    name: 'restricted volumes: names in order, types sorted and deduplicated',
    id: 'restrictedVolumes',
    spec: {
      containers: [c('a')],
      volumes: [
        { name: 'x', nfs: {} },
        { name: 'y', hostPath: { path: '/' } },
        { name: 'z', nfs: {} },
        { name: 'w', gitRepo: { repository: 'r' } },
      ],
    },
    expected:
      'restricted volume types (volumes "x", "y", "z", "w" use restricted volume types "gitRepo", "hostPath", "nfs")',
  },
  {
    name: 'restrictedVolumes does not run at baseline',
    id: 'restrictedVolumes',
    level: 'baseline',
    spec: { containers: [c('a')], volumes: [{ name: 'v', nfs: {} }] },
    expected: 'not run',
  },
  // check_runAsNonRoot.go: 1.0, 1.35 (hostUsers: false)
  {
    name: 'runAsNonRoot on the pod covers containers',
    id: 'runAsNonRoot',
    spec: { securityContext: { runAsNonRoot: true }, containers: [c('a')] },
    expected: 'allowed',
  },
  {
    name: 'runAsNonRoot missing',
    id: 'runAsNonRoot',
    spec: { containers: [c('a'), c('b', { runAsNonRoot: true }), c('c')] },
    expected: 'runAsNonRoot != true (pod or containers "a", "c" must set securityContext.runAsNonRoot=true)',
  },
  {
    name: 'runAsNonRoot explicit false wins over missing',
    id: 'runAsNonRoot',
    spec: { securityContext: { runAsNonRoot: false }, containers: [c('a'), c('b', { runAsNonRoot: false })] },
    expected: 'runAsNonRoot != true (pod and container "b" must not set securityContext.runAsNonRoot=false)',
  },
  {
    name: 'runAsNonRoot: container false overrides pod true',
    id: 'runAsNonRoot',
    spec: { securityContext: { runAsNonRoot: true }, containers: [c('a', { runAsNonRoot: false })] },
    expected: 'runAsNonRoot != true (container "a" must not set securityContext.runAsNonRoot=false)',
  },
  {
    name: 'runAsNonRoot: hostUsers false not relaxed at v1.34',
    id: 'runAsNonRoot',
    version: 34,
    spec: { hostUsers: false, containers: [c('a')] },
    expected: 'runAsNonRoot != true (pod or container "a" must set securityContext.runAsNonRoot=true)',
  },
  {
    name: 'runAsNonRoot: hostUsers false relaxed from v1.35',
    id: 'runAsNonRoot',
    version: 35,
    spec: { hostUsers: false, containers: [c('a')] },
    expected: 'allowed',
  },
  // check_runAsUser.go: 1.23, 1.35
  {
    name: 'runAsUser not in force at v1.22',
    id: 'runAsUser',
    version: 22,
    spec: { securityContext: { runAsUser: 0 }, containers: [c('a')] },
    expected: 'not run',
  },
  {
    name: 'runAsUser 0 on pod and containers',
    id: 'runAsUser',
    version: 23,
    spec: {
      securityContext: { runAsUser: 0 },
      containers: [c('a', { runAsUser: 0 }), c('b', { runAsUser: 1000 }), c('c', { runAsUser: 0 })],
    },
    expected: 'runAsUser=0 (pod and containers "a", "c" must not set runAsUser=0)',
  },
  {
    name: 'runAsUser: hostUsers false not relaxed at v1.34',
    id: 'runAsUser',
    version: 34,
    spec: { hostUsers: false, containers: [c('a', { runAsUser: 0 })] },
    expected: 'runAsUser=0 (container "a" must not set runAsUser=0)',
  },
  {
    name: 'runAsUser: hostUsers false relaxed from v1.35',
    id: 'runAsUser',
    version: 35,
    spec: { hostUsers: false, containers: [c('a', { runAsUser: 0 })] },
    expected: 'allowed',
  },
  // check_seccompProfile_restricted.go: 1.19, 1.25 (Windows)
  {
    name: 'seccomp restricted not in force at v1.18',
    id: 'seccompProfile_restricted',
    version: 18,
    spec: { containers: [c('a')] },
    expected: 'not run',
  },
  {
    name: 'seccomp missing on containers not covered by the pod',
    id: 'seccompProfile_restricted',
    version: 19,
    spec: {
      containers: [c('a'), c('b', { seccompProfile: { type: 'Localhost', localhostProfile: 'p' } }), c('c')],
    },
    expected:
      'seccompProfile (pod or containers "a", "c" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
  },
  {
    name: 'seccomp explicit bad value wins over missing',
    id: 'seccompProfile_restricted',
    spec: { containers: [c('a'), c('b', { seccompProfile: { type: 'Unconfined' } })] },
    expected:
      'seccompProfile (container "b" must not set securityContext.seccompProfile.type to "Unconfined")',
  },
  {
    name: 'seccomp: a bad pod value leaves containers uncovered but reports the explicit setters',
    id: 'seccompProfile_restricted',
    spec: { securityContext: { seccompProfile: { type: 'Unconfined' } }, containers: [c('a')] },
    expected: 'seccompProfile (pod must not set securityContext.seccompProfile.type to "Unconfined")',
  },
  {
    name: 'seccomp RuntimeDefault on the pod covers containers',
    id: 'seccompProfile_restricted',
    spec: { securityContext: { seccompProfile: { type: 'RuntimeDefault' } }, containers: [c('a')] },
    expected: 'allowed',
  },
  {
    name: 'seccomp: Windows pods not exempt at v1.24',
    id: 'seccompProfile_restricted',
    version: 24,
    spec: { os: { name: 'windows' }, containers: [c('a')] },
    expected:
      'seccompProfile (pod or container "a" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
  },
  {
    name: 'seccomp: Windows pods exempt from v1.25',
    id: 'seccompProfile_restricted',
    version: 25,
    spec: { os: { name: 'windows' }, containers: [c('a')] },
    expected: 'allowed',
  },
  {
    name: 'a restricted pod passes every restricted check',
    id: 'seccompProfile_restricted',
    spec: { containers: [c('a', RESTRICTED_OK)] },
    expected: 'allowed',
  },
];

function sysctlRows(): Row[] {
  const pod = (names: readonly string[]): Mapping => ({
    securityContext: { sysctls: names.map((name) => ({ name, value: '1' })) },
    containers: [c('a')],
  });
  const steps: readonly [number, string][] = [
    [27, 'net.ipv4.ip_local_reserved_ports'],
    [29, 'net.ipv4.tcp_keepalive_time'],
    [29, 'net.ipv4.tcp_fin_timeout'],
    [29, 'net.ipv4.tcp_keepalive_intvl'],
    [29, 'net.ipv4.tcp_keepalive_probes'],
    [32, 'net.ipv4.tcp_rmem'],
    [32, 'net.ipv4.tcp_wmem'],
    [37, 'net.ipv4.tcp_slow_start_after_idle'],
    [37, 'net.ipv4.tcp_notsent_lowat'],
  ];
  const rows: Row[] = [
    {
      name: 'sysctls v1.0 safe set',
      id: 'sysctls',
      version: 0,
      spec: pod([
        'kernel.shm_rmid_forced',
        'net.ipv4.ip_local_port_range',
        'net.ipv4.tcp_syncookies',
        'net.ipv4.ping_group_range',
        'net.ipv4.ip_unprivileged_port_start',
      ]),
      expected: 'allowed',
    },
    {
      name: 'forbidden sysctls in pod order, unquoted, duplicates kept',
      id: 'sysctls',
      spec: pod(['net.core.somaxconn', 'kernel.msgmax', 'kernel.shm_rmid_forced', 'net.core.somaxconn']),
      expected: 'forbidden sysctls (net.core.somaxconn, kernel.msgmax, net.core.somaxconn)',
    },
  ];
  for (const [minor, name] of steps) {
    rows.push(
      {
        name: `${name} forbidden at v1.${String(minor - 1)}`,
        id: 'sysctls',
        version: minor - 1,
        spec: pod([name]),
        expected: `forbidden sysctls (${name})`,
      },
      {
        name: `${name} safe from v1.${String(minor)}`,
        id: 'sysctls',
        version: minor,
        spec: pod([name]),
        expected: 'allowed',
      },
    );
  }
  return rows;
}

function outcome(row: Row): string {
  const result = evaluateCheck(
    row.id,
    { level: row.level ?? 'restricted', version: row.version ?? 'latest' },
    { metadata: row.metadata ?? {}, spec: row.spec },
  );
  if (result === undefined) return 'not run';
  return result.allowed ? 'allowed' : formatResult(result);
}

describe('PSA checks (kubernetes/pod-security-admission policy/check_*.go)', () => {
  for (const row of ROWS) {
    const where = `${row.level ?? 'restricted'}:${row.version === undefined ? 'latest' : row.version === 'latest' ? 'latest' : `v1.${String(row.version)}`}`;
    it(`${row.id} at ${where}: ${row.name}`, () => {
      assert.equal(outcome(row), row.expected);
    });
  }
});
