import { policyToEvaluate } from '../../pss/namespace-policy.ts';
import type { InventoryCheck } from '../../model/check.ts';

/** Pod Security labels the API server refuses on a Namespace. */
export const pssNamespaceLabelInvalid: InventoryCheck = {
  id: 'pss-namespace-label-invalid',
  title: 'Invalid Pod Security namespace label',
  severity: 'high',
  theme: 'linux',
  description:
    'A pod-security.kubernetes.io/{enforce,audit,warn} label must be privileged, baseline or restricted, and a -version label latest or v1.N. The API server rejects a Namespace with other values; on an existing namespace PSA falls back to restricted for enforce and privileged for audit and warn, and versions to latest. System namespaces are checked too.',
  remediation:
    'Fix the label value (the levels and versions are lower-case and exact: restricted, v1.30, latest).',
  nsa: ['pod-security-enforcement'],
  mitre: ['T1610'],
  references: [
    'kubernetes/pod-security-admission api/helpers.go ParseLevel, ParseVersion',
    'kubernetes/pod-security-admission admission/admission.go ValidateNamespace',
  ],
  target: 'inventory',
  *run({ inventory }) {
    for (const namespace of inventory.namespaces.values()) {
      if (!namespace.resource) continue;
      const { errors } = policyToEvaluate(namespace.labels);
      if (errors.length === 0) continue;
      const first = errors[0];
      const detail =
        errors.length === 1 && first ? first.message : `[${errors.map((e) => e.message).join(', ')}]`;
      yield {
        resource: namespace.resource,
        path: ['metadata', 'labels', first?.label ?? ''],
        message: `Namespace "${namespace.name}" is invalid: ${detail}`,
      };
    }
  },
};
