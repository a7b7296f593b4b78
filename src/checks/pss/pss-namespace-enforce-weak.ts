import { formatLevelVersion } from '../../pss/evaluate.ts';
import { compareLevels } from '../../pss/level.ts';
import { levelLabel, policyToEvaluate, versionLabel } from '../../pss/namespace-policy.ts';
import { targetPolicy } from '../../pss/target.ts';
import { effectiveMinor } from '../../pss/version.ts';
import type { InventoryCheck } from '../../model/check.ts';
import { declaredNamespaces } from './namespaces.ts';

const ENFORCE = levelLabel('enforce');

/** A namespace whose enforce level, or enforce version, is weaker than the configured target. */
export const pssNamespaceEnforceWeak: InventoryCheck = {
  id: 'pss-namespace-enforce-weak',
  title: 'Namespace enforces a weaker Pod Security level',
  severity: 'medium',
  theme: 'linux',
  description:
    'The namespace labels pod-security.kubernetes.io/enforce with a level below the target (pssLevel), or pins pod-security.kubernetes.io/enforce-version below the target version (pssVersion), so checks added or tightened since are not enforced (the probe-host check needs v1.34, for instance). Invalid label values are resolved as PSA resolves them (an invalid enforce level counts as restricted).',
  remediation:
    'Raise pod-security.kubernetes.io/enforce to the target level and set pod-security.kubernetes.io/enforce-version to the target version (or latest), after fixing the workloads the warn label reports.',
  nsa: ['pod-security-enforcement'],
  mitre: ['T1610'],
  references: [
    'Kubernetes: Pod Security Admission namespace labels (pod-security.kubernetes.io/enforce, enforce-version)',
    'kubernetes/pod-security-admission api/helpers.go CompareLevels',
  ],
  target: 'inventory',
  *run({ inventory, settings }) {
    const target = targetPolicy(settings);
    for (const namespace of declaredNamespaces(inventory, settings)) {
      if (namespace.labels[ENFORCE] === undefined) continue;
      const { enforce } = policyToEvaluate(namespace.labels).policy;
      const levelOrder = compareLevels(enforce.level, target.level);
      const older = effectiveMinor(enforce.version) < effectiveMinor(target.version);
      if (levelOrder > 0 || (levelOrder === 0 && !older)) continue;
      const label = levelOrder < 0 ? ENFORCE : versionLabel('enforce');
      yield {
        resource: namespace.resource,
        path: ['metadata', 'labels', label],
        message: `namespace "${namespace.name}" enforces PodSecurity "${formatLevelVersion(enforce)}", weaker than the target "${formatLevelVersion(target)}"`,
      };
    }
  },
};
