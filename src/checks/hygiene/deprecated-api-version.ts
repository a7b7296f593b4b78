import type { InventoryCheck } from '../../model/check.ts';

/** `apiVersion Kind` (or `apiVersion *`) → the Kubernetes version that removed it and the replacement. */
const REMOVED_APIS: ReadonlyMap<string, readonly [string, string]> = new Map([
  ['extensions/v1beta1 Ingress', ['1.22', 'networking.k8s.io/v1']],
  ['extensions/v1beta1 NetworkPolicy', ['1.16', 'networking.k8s.io/v1']],
  ['extensions/v1beta1 PodSecurityPolicy', ['1.16', 'Pod Security Admission namespace labels']],
  ['extensions/v1beta1 *', ['1.16', 'apps/v1']],
  ['apps/v1beta1 *', ['1.16', 'apps/v1']],
  ['apps/v1beta2 *', ['1.16', 'apps/v1']],
  ['batch/v1beta1 CronJob', ['1.25', 'batch/v1']],
  ['batch/v2alpha1 CronJob', ['1.21', 'batch/v1']],
  ['policy/v1beta1 PodDisruptionBudget', ['1.25', 'policy/v1']],
  ['policy/v1beta1 PodSecurityPolicy', ['1.25', 'Pod Security Admission namespace labels']],
  ['networking.k8s.io/v1beta1 Ingress', ['1.22', 'networking.k8s.io/v1']],
  ['networking.k8s.io/v1beta1 IngressClass', ['1.22', 'networking.k8s.io/v1']],
  ['rbac.authorization.k8s.io/v1beta1 *', ['1.22', 'rbac.authorization.k8s.io/v1']],
  ['rbac.authorization.k8s.io/v1alpha1 *', ['1.22', 'rbac.authorization.k8s.io/v1']],
  ['admissionregistration.k8s.io/v1beta1 *', ['1.22', 'admissionregistration.k8s.io/v1']],
  ['apiextensions.k8s.io/v1beta1 *', ['1.22', 'apiextensions.k8s.io/v1']],
  ['certificates.k8s.io/v1beta1 *', ['1.22', 'certificates.k8s.io/v1']],
  ['scheduling.k8s.io/v1beta1 *', ['1.22', 'scheduling.k8s.io/v1']],
  ['storage.k8s.io/v1beta1 CSIDriver', ['1.22', 'storage.k8s.io/v1']],
  ['storage.k8s.io/v1beta1 StorageClass', ['1.22', 'storage.k8s.io/v1']],
  ['storage.k8s.io/v1beta1 CSIStorageCapacity', ['1.27', 'storage.k8s.io/v1']],
  ['autoscaling/v2beta1 HorizontalPodAutoscaler', ['1.25', 'autoscaling/v2']],
  ['autoscaling/v2beta2 HorizontalPodAutoscaler', ['1.26', 'autoscaling/v2']],
  ['discovery.k8s.io/v1beta1 EndpointSlice', ['1.25', 'discovery.k8s.io/v1']],
  ['events.k8s.io/v1beta1 Event', ['1.25', 'events.k8s.io/v1']],
  ['node.k8s.io/v1beta1 RuntimeClass', ['1.25', 'node.k8s.io/v1']],
  ['flowcontrol.apiserver.k8s.io/v1beta1 *', ['1.26', 'flowcontrol.apiserver.k8s.io/v1']],
  ['flowcontrol.apiserver.k8s.io/v1beta2 *', ['1.29', 'flowcontrol.apiserver.k8s.io/v1']],
  ['flowcontrol.apiserver.k8s.io/v1beta3 *', ['1.32', 'flowcontrol.apiserver.k8s.io/v1']],
]);

/** The apiVersions of {@link REMOVED_APIS}: most objects use none of them and need no further lookup. */
const REMOVED_VERSIONS: ReadonlySet<string> = new Set(
  [...REMOVED_APIS.keys()].map((key) => key.slice(0, key.indexOf(' '))),
);

/** Removed API versions: the API server rejects the manifest, and PodSecurityPolicy is gone entirely. */
export const deprecatedApiVersion: InventoryCheck = {
  id: 'deprecated-api-version',
  title: 'Removed API version',
  severity: 'medium',
  theme: 'config',
  description:
    'The object uses an apiVersion that Kubernetes has removed (extensions/v1beta1, apps/v1beta1, batch/v1beta1 CronJob, policy/v1beta1 PodSecurityPolicy, ...). Current clusters reject it, and controls it expresses (a PodSecurityPolicy) are no longer enforced.',
  remediation:
    'Move the manifest to the replacement API version (kubectl convert helps) and re-review its fields.',
  nsa: ['upgrading'],
  references: [
    'kube-score: stable-version',
    'KubeLinter: no-extensions-v1beta',
    'kubeaudit: deprecatedapis',
    'Trivy: KSV107',
    'https://kubernetes.io/docs/reference/using-api/deprecation-guide/',
  ],
  target: 'inventory',
  *run({ inventory }) {
    for (const resource of inventory.resources) {
      if (!REMOVED_VERSIONS.has(resource.apiVersion)) continue;
      const removed =
        REMOVED_APIS.get(`${resource.apiVersion} ${resource.kind}`) ??
        REMOVED_APIS.get(`${resource.apiVersion} *`);
      if (removed === undefined) continue;
      yield {
        resource,
        path: ['apiVersion'],
        message: `${resource.kind} uses ${resource.apiVersion}, removed in Kubernetes ${removed[0]} (use ${removed[1]})`,
      };
    }
  },
};
