// The pss-* workload checks follow the configured level and version exactly as PSA's registry
// (kubernetes/pod-security-admission policy/registry.go) decides which checks run.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runChecks } from '../run.ts';
import { TEST_NOW } from '../../testing/clock.ts';
import { DEFAULT_SETTINGS } from '../../config/defaults.ts';
import { loadSources } from '../../load/load.ts';
import { buildInventory } from '../../model/inventory.ts';
import type { Settings } from '../../model/settings.ts';
import { targetPolicyErrors } from '../../pss/target.ts';
import { PSS_CHECKS } from './index.ts';

const POD = `apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop}
spec:
  volumes: [{name: logs, hostPath: {path: /var/log}}]
  containers:
    - name: app
      image: nginx:1.27
      securityContext: {capabilities: {add: [NET_ADMIN]}}
`;

function findings(settings: Partial<Settings>, text = POD): string[] {
  const inventory = buildInventory(
    loadSources([{ file: 'pod.yaml', text, format: 'yaml', named: true }]).resources,
  );
  return runChecks(
    PSS_CHECKS,
    inventory,
    {
      settings: { ...DEFAULT_SETTINGS, ...settings },
      disabled: new Set(),
      severities: new Map(),
      excluded: () => undefined,
      honourAnnotations: true,
    },
    TEST_NOW,
  ).map((finding) => `${finding.checkId}: ${finding.message}`);
}

describe('pss-* checks follow pssLevel and pssVersion', () => {
  it('runs only baseline checks at baseline', () => {
    assert.deepEqual(findings({ pssLevel: 'baseline' }), [
      'pss-capabilities-baseline: non-default capabilities (container "app" must not include "NET_ADMIN" in securityContext.capabilities.add)',
      'pss-host-path-volumes: hostPath volumes (volume "logs")',
    ]);
  });

  it('replaces overridden baseline checks by their restricted counterparts at restricted:latest', () => {
    assert.deepEqual(findings({}), [
      'pss-allow-privilege-escalation: allowPrivilegeEscalation != false (container "app" must set securityContext.allowPrivilegeEscalation=false)',
      'pss-capabilities-restricted: unrestricted capabilities (container "app" must set securityContext.capabilities.drop=["ALL"]; container "app" must not include "NET_ADMIN" in securityContext.capabilities.add)',
      'pss-restricted-volumes: restricted volume types (volume "logs" uses restricted volume type "hostPath")',
      'pss-run-as-non-root: runAsNonRoot != true (pod or container "app" must set securityContext.runAsNonRoot=true)',
      'pss-seccomp-profile-restricted: seccompProfile (pod or container "app" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
    ]);
  });

  it('keeps capabilities_baseline and drops the checks not yet in force at restricted:v1.18', () => {
    assert.deepEqual(findings({ pssVersion: 'v1.18' }), [
      'pss-capabilities-baseline: non-default capabilities (container "app" must not include "NET_ADMIN" in securityContext.capabilities.add)',
      'pss-allow-privilege-escalation: allowPrivilegeEscalation != false (container "app" must set securityContext.allowPrivilegeEscalation=false)',
      'pss-restricted-volumes: restricted volume types (volume "logs" uses restricted volume type "hostPath")',
      'pss-run-as-non-root: runAsNonRoot != true (pod or container "app" must set securityContext.runAsNonRoot=true)',
    ]);
  });

  it('leaves pssSystemNamespaces alone', () => {
    assert.deepEqual(findings({ pssSystemNamespaces: ['shop'] }), []);
  });

  it('reports invalid pssLevel and pssVersion values', () => {
    assert.deepEqual(targetPolicyErrors({ pssLevel: 'restricted', pssVersion: 'v1.30' }), []);
    assert.deepEqual(targetPolicyErrors({ pssLevel: 'privileged', pssVersion: '1.30' }), [
      'PSS level "privileged" must be baseline or restricted',
      'PSS version "1.30" must be "latest" or "v1.N" (v1.0 to v1.37)',
    ]);
  });
});
