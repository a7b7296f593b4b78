import { UsageError } from '../model/errors.ts';
import type { AuthorizationRequest } from './request.ts';

/** What the built-in API knows of a resource: its group and whether it is namespaced. */
interface KnownResource {
  readonly group: string;
  readonly namespaced: boolean;
}

const core = (namespaced: boolean): KnownResource => ({ group: '', namespaced });

/**
 * Built-in resources by plural name (kubectl api-resources of Kubernetes 1.33), used to default the
 * group of `RESOURCE` and to know which requests have no namespace. Unknown plurals are taken as
 * namespaced resources of the core group unless written `resource.group`.
 */
const KNOWN_RESOURCES: Readonly<Record<string, KnownResource>> = {
  bindings: core(true),
  componentstatuses: core(false),
  configmaps: core(true),
  endpoints: core(true),
  events: core(true),
  limitranges: core(true),
  namespaces: core(false),
  nodes: core(false),
  persistentvolumeclaims: core(true),
  persistentvolumes: core(false),
  pods: core(true),
  podtemplates: core(true),
  replicationcontrollers: core(true),
  resourcequotas: core(true),
  secrets: core(true),
  serviceaccounts: core(true),
  services: core(true),
  users: core(false),
  groups: core(false),
  mutatingwebhookconfigurations: { group: 'admissionregistration.k8s.io', namespaced: false },
  validatingwebhookconfigurations: { group: 'admissionregistration.k8s.io', namespaced: false },
  validatingadmissionpolicies: { group: 'admissionregistration.k8s.io', namespaced: false },
  validatingadmissionpolicybindings: { group: 'admissionregistration.k8s.io', namespaced: false },
  customresourcedefinitions: { group: 'apiextensions.k8s.io', namespaced: false },
  apiservices: { group: 'apiregistration.k8s.io', namespaced: false },
  controllerrevisions: { group: 'apps', namespaced: true },
  daemonsets: { group: 'apps', namespaced: true },
  deployments: { group: 'apps', namespaced: true },
  replicasets: { group: 'apps', namespaced: true },
  statefulsets: { group: 'apps', namespaced: true },
  tokenreviews: { group: 'authentication.k8s.io', namespaced: false },
  selfsubjectreviews: { group: 'authentication.k8s.io', namespaced: false },
  localsubjectaccessreviews: { group: 'authorization.k8s.io', namespaced: true },
  selfsubjectaccessreviews: { group: 'authorization.k8s.io', namespaced: false },
  selfsubjectrulesreviews: { group: 'authorization.k8s.io', namespaced: false },
  subjectaccessreviews: { group: 'authorization.k8s.io', namespaced: false },
  horizontalpodautoscalers: { group: 'autoscaling', namespaced: true },
  cronjobs: { group: 'batch', namespaced: true },
  jobs: { group: 'batch', namespaced: true },
  certificatesigningrequests: { group: 'certificates.k8s.io', namespaced: false },
  signers: { group: 'certificates.k8s.io', namespaced: false },
  leases: { group: 'coordination.k8s.io', namespaced: true },
  endpointslices: { group: 'discovery.k8s.io', namespaced: true },
  ingressclasses: { group: 'networking.k8s.io', namespaced: false },
  ingresses: { group: 'networking.k8s.io', namespaced: true },
  networkpolicies: { group: 'networking.k8s.io', namespaced: true },
  runtimeclasses: { group: 'node.k8s.io', namespaced: false },
  poddisruptionbudgets: { group: 'policy', namespaced: true },
  clusterrolebindings: { group: 'rbac.authorization.k8s.io', namespaced: false },
  clusterroles: { group: 'rbac.authorization.k8s.io', namespaced: false },
  rolebindings: { group: 'rbac.authorization.k8s.io', namespaced: true },
  roles: { group: 'rbac.authorization.k8s.io', namespaced: true },
  priorityclasses: { group: 'scheduling.k8s.io', namespaced: false },
  csidrivers: { group: 'storage.k8s.io', namespaced: false },
  csinodes: { group: 'storage.k8s.io', namespaced: false },
  storageclasses: { group: 'storage.k8s.io', namespaced: false },
  volumeattachments: { group: 'storage.k8s.io', namespaced: false },
};

/** Whether requests on a resource carry no namespace; Namespace objects count as their own namespace. */
export function isClusterScopedResource(resource: string, group: string): boolean {
  const known = KNOWN_RESOURCES[resource];
  return known !== undefined && known.group === group && !known.namespaced;
}

/**
 * Parses the kubectl form `VERB RESOURCE[.GROUP][/SUBRESOURCE]` (or a non-resource URL starting
 * with `/`) into a request. The namespace applies only to namespaced resources; a request on
 * `namespaces` named N is in namespace N (RequestInfo), and '' when no name is given.
 * Throws UsageError for an empty verb or resource.
 */
export function parseRequest(
  verb: string,
  target: string,
  namespace: string,
  name = '',
): AuthorizationRequest {
  if (verb === '' || target === '')
    throw new UsageError('give a verb and a resource, e.g. who-can create pods/exec');
  if (target.startsWith('/')) return { kind: 'nonResource', verb, path: target };
  const slash = target.indexOf('/');
  const typed = slash === -1 ? target : target.slice(0, slash);
  const subresource = slash === -1 ? '' : target.slice(slash + 1);
  const dot = typed.indexOf('.');
  const resource = dot === -1 ? typed : typed.slice(0, dot);
  const apiGroup = dot === -1 ? (KNOWN_RESOURCES[resource]?.group ?? '') : typed.slice(dot + 1);
  if (resource === '') throw new UsageError(`invalid resource ${JSON.stringify(target)}`);
  const requestNamespace =
    resource === 'namespaces' && apiGroup === ''
      ? name
      : isClusterScopedResource(resource, apiGroup)
        ? ''
        : namespace;
  return { kind: 'resource', verb, apiGroup, resource, subresource, name, namespace: requestNamespace };
}
