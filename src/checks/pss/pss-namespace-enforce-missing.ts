import { formatLevelVersion } from '../../pss/evaluate.ts';
import { levelLabel } from '../../pss/namespace-policy.ts';
import { targetPolicy } from '../../pss/target.ts';
import type { InventoryCheck } from '../../model/check.ts';
import { declaredNamespaces } from './namespaces.ts';

const ENFORCE = levelLabel('enforce');

/** A namespace without `pod-security.kubernetes.io/enforce`: PSA admits every pod there. */
export const pssNamespaceEnforceMissing: InventoryCheck = {
  id: 'pss-namespace-enforce-missing',
  title: 'Namespace without a Pod Security enforce label',
  severity: 'medium',
  theme: 'linux',
  description:
    'Pod Security Admission reads the pod-security.kubernetes.io/enforce label of each namespace. Without it the built-in default applies, privileged:latest, so any pod is admitted, however privileged. System namespaces (pssSystemNamespaces) are left out.',
  remediation:
    'Label the namespace with pod-security.kubernetes.io/enforce: restricted (or baseline) and pod-security.kubernetes.io/enforce-version; add warn and audit labels at the same level to see violations before enforcing.',
  nsa: ['pod-security-enforcement'],
  mitre: ['T1610'],
  references: [
    'Kubernetes: Pod Security Admission namespace labels (pod-security.kubernetes.io/enforce)',
    'kubernetes/pod-security-admission api/helpers.go PolicyToEvaluate',
    'Kubescape: C-0054 (NSA hardening guide)',
  ],
  cis: ['5.2.1'],
  target: 'inventory',
  *run({ inventory, settings }) {
    const target = formatLevelVersion(targetPolicy(settings));
    for (const namespace of declaredNamespaces(inventory, settings)) {
      if (namespace.labels[ENFORCE] !== undefined) continue;
      yield {
        resource: namespace.resource,
        path: ['metadata'],
        message: `namespace "${namespace.name}" has no ${ENFORCE} label, so Pod Security Admission enforces "privileged:latest" instead of "${target}"`,
      };
    }
  },
};
