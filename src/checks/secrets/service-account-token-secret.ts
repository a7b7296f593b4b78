import { isRecord } from '../../model/path.ts';
import type { ResourceCheck, Violation } from '../../model/check.ts';

/** A `kubernetes.io/service-account-token` Secret is a token that never expires. */
export const serviceAccountTokenSecret: ResourceCheck = {
  id: 'service-account-token-secret',
  title: 'Long-lived ServiceAccount token Secret',
  severity: 'medium',
  theme: 'keys',
  description:
    'A Secret of type kubernetes.io/service-account-token makes the control plane mint a token that never expires and is not bound to a pod. Since 1.24 such tokens are no longer created automatically, and since 1.29 unused ones are cleaned up: a manifest that creates one brings back a credential that cannot be rotated short of deleting it.',
  remediation:
    'Delete the Secret. Pods get projected, expiring tokens automatically; external clients request one with kubectl create token or the TokenRequest API.',
  nsa: ['service-account-tokens', 'secrets'],
  mitre: ['T1528', 'T1550.001'],
  references: ['KEP-2799: reduction of secret-based ServiceAccount tokens', 'Kubescape: C-0282'],
  kinds: ['Secret'],
  target: 'resource',
  run(resource): Violation[] {
    const violations: Violation[] = [];
    if (resource.object.type !== 'kubernetes.io/service-account-token') return violations;
    const metadata = resource.object.metadata;
    const annotations = isRecord(metadata) && isRecord(metadata.annotations) ? metadata.annotations : {};
    const account = annotations['kubernetes.io/service-account.name'];
    violations.push({
      path: ['type'],
      message: `Secret "${resource.name}" holds a non-expiring token for ServiceAccount "${typeof account === 'string' ? account : ''}"`,
    });
    return violations;
  },
};
