import type { Resource } from '../../model/resource.ts';
import { isRecord } from '../../model/path.ts';

/** How the API server names and scopes a kind: its resource (plural) and whether it is namespaced. */
export interface KindInfo {
  readonly resource: string;
  readonly namespaced: boolean;
}

const CLUSTER = false;
const NAMESPACED = true;

/** Built-in kinds (from `kubectl api-resources`): kind → [plural, namespaced]. */
const BUILT_IN: Readonly<Record<string, readonly [string, boolean]>> = {
  Binding: ['bindings', NAMESPACED],
  ConfigMap: ['configmaps', NAMESPACED],
  Endpoints: ['endpoints', NAMESPACED],
  Event: ['events', NAMESPACED],
  LimitRange: ['limitranges', NAMESPACED],
  Namespace: ['namespaces', CLUSTER],
  Node: ['nodes', CLUSTER],
  PersistentVolume: ['persistentvolumes', CLUSTER],
  PersistentVolumeClaim: ['persistentvolumeclaims', NAMESPACED],
  Pod: ['pods', NAMESPACED],
  PodTemplate: ['podtemplates', NAMESPACED],
  ReplicationController: ['replicationcontrollers', NAMESPACED],
  ResourceQuota: ['resourcequotas', NAMESPACED],
  Secret: ['secrets', NAMESPACED],
  Service: ['services', NAMESPACED],
  ServiceAccount: ['serviceaccounts', NAMESPACED],
  MutatingWebhookConfiguration: ['mutatingwebhookconfigurations', CLUSTER],
  ValidatingWebhookConfiguration: ['validatingwebhookconfigurations', CLUSTER],
  ValidatingAdmissionPolicy: ['validatingadmissionpolicies', CLUSTER],
  ValidatingAdmissionPolicyBinding: ['validatingadmissionpolicybindings', CLUSTER],
  MutatingAdmissionPolicy: ['mutatingadmissionpolicies', CLUSTER],
  MutatingAdmissionPolicyBinding: ['mutatingadmissionpolicybindings', CLUSTER],
  CustomResourceDefinition: ['customresourcedefinitions', CLUSTER],
  ControllerRevision: ['controllerrevisions', NAMESPACED],
  DaemonSet: ['daemonsets', NAMESPACED],
  Deployment: ['deployments', NAMESPACED],
  ReplicaSet: ['replicasets', NAMESPACED],
  StatefulSet: ['statefulsets', NAMESPACED],
  HorizontalPodAutoscaler: ['horizontalpodautoscalers', NAMESPACED],
  CronJob: ['cronjobs', NAMESPACED],
  Job: ['jobs', NAMESPACED],
  CertificateSigningRequest: ['certificatesigningrequests', CLUSTER],
  Lease: ['leases', NAMESPACED],
  EndpointSlice: ['endpointslices', NAMESPACED],
  FlowSchema: ['flowschemas', CLUSTER],
  PriorityLevelConfiguration: ['prioritylevelconfigurations', CLUSTER],
  IngressClass: ['ingressclasses', CLUSTER],
  Ingress: ['ingresses', NAMESPACED],
  NetworkPolicy: ['networkpolicies', NAMESPACED],
  RuntimeClass: ['runtimeclasses', CLUSTER],
  PodDisruptionBudget: ['poddisruptionbudgets', NAMESPACED],
  PodSecurityPolicy: ['podsecuritypolicies', CLUSTER],
  ClusterRole: ['clusterroles', CLUSTER],
  ClusterRoleBinding: ['clusterrolebindings', CLUSTER],
  Role: ['roles', NAMESPACED],
  RoleBinding: ['rolebindings', NAMESPACED],
  PriorityClass: ['priorityclasses', CLUSTER],
  CSIDriver: ['csidrivers', CLUSTER],
  CSINode: ['csinodes', CLUSTER],
  StorageClass: ['storageclasses', CLUSTER],
  VolumeAttachment: ['volumeattachments', CLUSTER],
};

/** A kind table: built-ins plus the kinds CustomResourceDefinitions among the inputs declare. */
export type KindTable = ReadonlyMap<string, KindInfo>;

const key = (group: string, kind: string): string => `${group}/${kind}`;

/** Builds the kind table, adding `spec.names.plural` and `spec.scope` of every CRD in `resources`. */
export function kindTable(resources: readonly Resource[]): KindTable {
  const table = new Map<string, KindInfo>();
  for (const resource of resources) {
    if (resource.kind !== 'CustomResourceDefinition') continue;
    const spec = resource.object.spec;
    if (!isRecord(spec) || !isRecord(spec.names)) continue;
    const { group } = spec;
    const { kind, plural } = spec.names;
    if (typeof group === 'string' && typeof kind === 'string' && typeof plural === 'string')
      table.set(key(group, kind), { resource: plural, namespaced: spec.scope !== 'Cluster' });
  }
  return table;
}

/**
 * Plural and scope of a kind: a CRD's declaration, else the built-in table, else the API
 * machinery's guess (lower-case, `y` → `ies`, `s`/`x`/`ch`/`sh` → `es`, else `s`; namespaced).
 */
export function kindInfo(table: KindTable, group: string, kind: string): KindInfo {
  const declared = table.get(key(group, kind));
  if (declared !== undefined) return declared;
  const builtIn = BUILT_IN[kind];
  if (builtIn !== undefined) return { resource: builtIn[0], namespaced: builtIn[1] };
  const lower = kind.toLowerCase();
  const resource = /[^aeiou]y$/.test(lower)
    ? `${lower.slice(0, -1)}ies`
    : /(s|x|z|ch|sh)$/.test(lower)
      ? `${lower}es`
      : `${lower}s`;
  return { resource, namespaced: true };
}
