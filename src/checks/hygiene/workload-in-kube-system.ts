import { isRecord } from '../../model/path.ts';
import { isStaticPod } from '../../model/static-pod.ts';
import { WORKLOAD_KINDS } from '../../model/workload.ts';
import type { ResourceCheck, Violation } from '../../model/check.ts';

/** Namespaces reserved for the control plane and cluster add-ons. */
const SYSTEM_NAMESPACES: ReadonlySet<string> = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

/** The label Kubernetes add-ons carry (`kubernetes.io/cluster-service`, `addonmanager.kubernetes.io/mode`). */
function isAddon(labels: unknown): boolean {
  return (
    isRecord(labels) &&
    (labels['kubernetes.io/cluster-service'] === 'true' ||
      labels['addonmanager.kubernetes.io/mode'] !== undefined)
  );
}

/** Application workloads in kube-system sit next to the control plane's credentials and powerful accounts. */
export const workloadInKubeSystem: ResourceCheck = {
  id: 'workload-in-kube-system',
  title: 'Workload in a system namespace',
  severity: 'medium',
  theme: 'rbac',
  description:
    'A workload deployed to kube-system, kube-public or kube-node-lease shares the namespace of the control-plane add-ons: their ServiceAccounts, Secrets and privileged pods. Anyone who may deploy there, and the workload itself if compromised, is one step from cluster-admin. Namespaces are also exempt from many admission policies. Objects labelled as add-ons (kubernetes.io/cluster-service, addonmanager.kubernetes.io/mode) are skipped.',
  remediation:
    'Deploy the workload to its own namespace; keep kube-system for the components the cluster installer manages.',
  nsa: ['namespaces'],
  references: ['Trivy: KSV037', 'CIS Kubernetes Benchmark 5.7.4 (do not use the default namespaces)'],
  kinds: WORKLOAD_KINDS,
  target: 'resource',
  run(resource, { inventory }): Violation[] {
    const violations: Violation[] = [];
    if (resource.namespace === undefined || !SYSTEM_NAMESPACES.has(resource.namespace)) return violations;
    if (isStaticPod(inventory, resource)) return violations;
    const metadata = resource.object.metadata;
    if (isRecord(metadata) && isAddon(metadata.labels)) return violations;
    violations.push({
      path: ['metadata', 'namespace'],
      message: `${resource.kind} "${resource.name}" runs in system namespace ${resource.namespace}`,
    });
    return violations;
  },
};
