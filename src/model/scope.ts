/**
 * Built-in kinds that live outside namespaces. Everything else (including unknown custom kinds) is
 * taken as namespaced, which is what `kubectl apply` assumes for an object without a namespace.
 */
const CLUSTER_SCOPED = new Set([
  'AdminNetworkPolicy',
  'APIService',
  'BaselineAdminNetworkPolicy',
  'CertificateSigningRequest',
  'ClusterRole',
  'ClusterRoleBinding',
  'ClusterTrustBundle',
  'ComponentStatus',
  'CSIDriver',
  'CSINode',
  'CustomResourceDefinition',
  'FlowSchema',
  'IngressClass',
  'MutatingAdmissionPolicy',
  'MutatingAdmissionPolicyBinding',
  'MutatingWebhookConfiguration',
  'Namespace',
  'Node',
  'PersistentVolume',
  'PodSecurityPolicy',
  'PriorityClass',
  'PriorityLevelConfiguration',
  'RuntimeClass',
  'StorageClass',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'ValidatingWebhookConfiguration',
  'VolumeAttachment',
  'ClusterIssuer',
  'ClusterNetworkPolicy',
  'ClusterPolicy',
]);

/** True for kinds that have no namespace. */
export function isClusterScoped(kind: string): boolean {
  return CLUSTER_SCOPED.has(kind);
}

/** The namespace a namespaced object lands in when its manifest names none (`kubectl apply` default). */
export const DEFAULT_NAMESPACE = 'default';
