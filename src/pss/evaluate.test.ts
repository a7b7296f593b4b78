// Aggregation, ordering and the API server's wording: kubernetes/pod-security-admission
// policy/registry.go (order, overrides, clamping), policy/checks.go (AggregateCheckResult) and
// admission/admission.go (`violates PodSecurity %q: %s`).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Mapping } from '../model/path.ts';
import { aggregate, evaluatePod, forbiddenReason, violatesMessage, wouldViolateMessage } from './evaluate.ts';
import { activeChecks } from './registry.ts';

const ids = (level: 'baseline' | 'restricted' | 'privileged', minor: number): string[] =>
  activeChecks(level, minor).map(({ definition }) => definition.id);

describe('check registry (policy/registry.go)', () => {
  it('runs the 12 baseline checks at baseline:latest, sorted byte-wise', () => {
    assert.deepEqual(ids('baseline', 37), [
      'appArmorProfile',
      'capabilities_baseline',
      'hostNamespaces',
      'hostPathVolumes',
      'hostPorts',
      'hostProbesAndHostLifecycle',
      'privileged',
      'procMount',
      'seLinuxOptions',
      'seccompProfile_baseline',
      'sysctls',
      'windowsHostProcess',
    ]);
  });

  it('runs baseline minus the overridden checks, then the restricted checks, at restricted:latest', () => {
    assert.deepEqual(ids('restricted', 37), [
      'appArmorProfile',
      'hostNamespaces',
      'hostPorts',
      'hostProbesAndHostLifecycle',
      'privileged',
      'seLinuxOptions',
      'sysctls',
      'windowsHostProcess',
      'allowPrivilegeEscalation',
      'capabilities_restricted',
      'procMount_restricted',
      'restrictedVolumes',
      'runAsNonRoot',
      'runAsUser',
      'seccompProfile_restricted',
    ]);
  });

  it('keeps the baseline counterparts until their restricted overrides exist (restricted:v1.18)', () => {
    assert.deepEqual(ids('restricted', 18), [
      'appArmorProfile',
      'capabilities_baseline',
      'hostNamespaces',
      'hostPorts',
      'privileged',
      'procMount',
      'seLinuxOptions',
      'seccompProfile_baseline',
      'sysctls',
      'windowsHostProcess',
      'allowPrivilegeEscalation',
      'restrictedVolumes',
      'runAsNonRoot',
    ]);
  });

  it('runs nothing at privileged', () => {
    assert.deepEqual(ids('privileged', 37), []);
  });
});

const INSECURE: Mapping = {
  hostNetwork: true,
  containers: [{ name: 'app', securityContext: { privileged: true }, ports: [{ hostPort: 80 }] }],
};

describe('aggregate messages (policy/checks.go, admission/admission.go)', () => {
  it('words the restricted:latest error for a bare container as the API server does', () => {
    const result = aggregate(
      evaluatePod(
        { level: 'restricted', version: 'latest' },
        { metadata: {}, spec: { containers: [{ name: 'app' }] } },
      ),
    );
    assert.equal(
      violatesMessage({ level: 'restricted', version: 'latest' }, result),
      'violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false (container "app" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container "app" must set securityContext.capabilities.drop=["ALL"]), runAsNonRoot != true (pod or container "app" must set securityContext.runAsNonRoot=true), seccompProfile (pod or container "app" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
    );
  });

  it('orders baseline failures before restricted ones and quotes the version as given', () => {
    const policy = { level: 'restricted', version: 99 } as const;
    const result = aggregate(evaluatePod(policy, { metadata: {}, spec: INSECURE }));
    assert.equal(
      wouldViolateMessage(policy, result),
      'would violate PodSecurity "restricted:v1.99": host namespaces (hostNetwork=true), hostPort (container "app" uses hostPort 80), privileged (container "app" must not set securityContext.privileged=true), allowPrivilegeEscalation != false (container "app" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container "app" must set securityContext.capabilities.drop=["ALL"]), runAsNonRoot != true (pod or container "app" must set securityContext.runAsNonRoot=true), seccompProfile (pod or container "app" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
    );
    assert.equal(
      forbiddenReason(result),
      'host namespaces, hostPort, privileged, allowPrivilegeEscalation != false, unrestricted capabilities, runAsNonRoot != true, seccompProfile',
    );
  });

  it('allows a pod that meets the level', () => {
    const result = aggregate(
      evaluatePod(
        { level: 'baseline', version: 30 },
        { metadata: {}, spec: { containers: [{ name: 'a' }] } },
      ),
    );
    assert.deepEqual(result, { allowed: true, reasons: [], details: [] });
    assert.equal(
      violatesMessage(
        { level: 'baseline', version: 30 },
        aggregate(evaluatePod({ level: 'baseline', version: 30 }, { metadata: {}, spec: INSECURE })),
      ),
      'violates PodSecurity "baseline:v1.30": host namespaces (hostNetwork=true), hostPort (container "app" uses hostPort 80), privileged (container "app" must not set securityContext.privileged=true)',
    );
  });
});
