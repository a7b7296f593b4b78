/**
 * What a request asks the authorizer, as the API server's RequestInfo describes it
 * (k8s.io/apiserver `pkg/endpoints/request/requestinfo.go`).
 */
export type AuthorizationRequest = ResourceRequest | NonResourceRequest;

/**
 * A request on an API resource. `namespace` is '' for cluster-scoped resources and for requests
 * across all namespaces; a request on a Namespace object carries the namespace's own name, as
 * RequestInfo sets it. `name` is '' for create, list, watch and deletecollection (unless a
 * `metadata.name` field selector names one).
 */
export interface ResourceRequest {
  readonly kind: 'resource';
  readonly verb: string;
  readonly apiGroup: string;
  readonly resource: string;
  readonly subresource: string;
  readonly name: string;
  readonly namespace: string;
}

/** A request on a non-resource URL (`/healthz`, `/metrics`); verbs are lower-cased HTTP methods. */
export interface NonResourceRequest {
  readonly kind: 'nonResource';
  readonly verb: string;
  readonly path: string;
}

/** Builds a resource request; omitted fields are '' (core group, no subresource, no name, cluster-wide). */
export function resourceRequest(
  verb: string,
  resource: string,
  fields: Partial<Omit<ResourceRequest, 'kind' | 'verb' | 'resource'>> = {},
): ResourceRequest {
  return {
    kind: 'resource',
    verb,
    resource,
    apiGroup: fields.apiGroup ?? '',
    subresource: fields.subresource ?? '',
    name: fields.name ?? '',
    namespace: fields.namespace ?? '',
  };
}

/** The request as kubectl would name it: `create pods/exec`, `get /healthz`, `list deployments.apps`. */
export function describeRequest(request: AuthorizationRequest): string {
  if (request.kind === 'nonResource') return `${request.verb} ${request.path}`;
  const resource = request.apiGroup === '' ? request.resource : `${request.resource}.${request.apiGroup}`;
  const sub = request.subresource === '' ? '' : `/${request.subresource}`;
  return `${request.verb} ${resource}${sub}${request.name === '' ? '' : ` named ${request.name}`}`;
}
