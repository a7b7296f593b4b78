import { find } from '../../model/inventory.ts';
import { isStaticPod } from '../../model/static-pod.ts';
import type { WorkloadCheck, Violation } from '../../model/check.ts';

/**
 * The pod's effective automount setting, as the ServiceAccount admission plugin decides it: the pod
 * field wins; else the ServiceAccount's field, when the ServiceAccount is in the input; else true.
 */
export const automountServiceAccountToken: WorkloadCheck = {
  id: 'automount-service-account-token',
  title: 'Service account token mounted into the pod',
  severity: 'medium',
  theme: 'rbac',
  description:
    "Unless the pod or its ServiceAccount sets automountServiceAccountToken: false, every container gets an API token at /var/run/secrets/kubernetes.io/serviceaccount. Most applications never call the API; for them the token only helps an intruder move on. The pod field overrides the ServiceAccount's; the ServiceAccount is looked up in the scanned input.",
  remediation:
    'Set automountServiceAccountToken: false on the pod (or on its ServiceAccount). Pods that need the API should mount a projected token with a short expiry and an audience.',
  nsa: ['service-account-tokens'],
  mitre: ['T1528'],
  references: [
    'Polaris: automountServiceAccountToken',
    'kubeaudit: asat',
    'Checkov: CKV_K8S_38',
    'Trivy: KSV036',
    'Kubescape: C-0034',
  ],
  cis: ['5.1.6'],
  target: 'workload',
  run(workload, { inventory }): Violation[] {
    const violations: Violation[] = [];
    if (isStaticPod(inventory, workload.resource)) return violations;
    const own = workload.podSpec.automountServiceAccountToken;
    if (own === false) return violations;
    if (own === true) {
      violations.push({
        path: ['automountServiceAccountToken'],
        message: 'pod sets automountServiceAccountToken to true',
      });
      return violations;
    }
    const accountName =
      typeof workload.podSpec.serviceAccountName === 'string' && workload.podSpec.serviceAccountName !== ''
        ? workload.podSpec.serviceAccountName
        : 'default';
    const account = find(inventory, 'ServiceAccount', workload.namespace, accountName);
    if (account !== undefined && account.object.automountServiceAccountToken === false) return violations;
    violations.push({
      path: [],
      message: `pod mounts the token of ServiceAccount "${accountName}" (automountServiceAccountToken is not false)`,
    });
    return violations;
  },
};
