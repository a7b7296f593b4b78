import type { Inventory } from '../../model/inventory.ts';
import { namespaceOf, ofKind } from '../../model/inventory.ts';
import type { FieldPath, Mapping } from '../../model/path.ts';
import { isRecord } from '../../model/path.ts';
import type { Resource } from '../../model/resource.ts';

/** The kinds that send traffic from an ingress controller or a Gateway to Services. */
export type RouteKind = 'Ingress' | 'HTTPRoute' | 'GRPCRoute';

/** The Gateway API group (gateway-api apis/v1: GroupName). */
export const GATEWAY_GROUP = 'gateway.networking.k8s.io';

/** The Service port a backend names: by number, by name, or not at all (an invalid reference). */
export type BackendPort =
  | { readonly type: 'number'; readonly number: number }
  | { readonly type: 'name'; readonly name: string }
  | { readonly type: 'none' };

/** One backend a route sends to: the object it references and the port. */
export interface RouteBackend {
  /** Path of the reference in the route (the Ingress `backend`, the route's `backendRefs[j]`). */
  readonly path: FieldPath;
  /** Which requests it serves: `example.com/api`, `*` + path, `(default backend)`, `rules[0]`. */
  readonly serves: string;
  /** The referent's API group ('' for the core group) and kind (`Service` for a Service). */
  readonly group: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly port: BackendPort;
}

/** A Gateway API route's parent: a Gateway (or another kind, not evaluated). */
export interface ParentRef {
  readonly path: FieldPath;
  readonly group: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly sectionName: string | undefined;
  readonly port: number | undefined;
}

/** An Ingress or a Gateway API route, with its backends. */
export interface Route {
  readonly resource: Resource;
  readonly kind: RouteKind;
  readonly namespace: string;
  /** `ingress/NS/NAME`, `httproute/NS/NAME`, `grpcroute/NS/NAME`. */
  readonly label: string;
  readonly backends: readonly RouteBackend[];
  /** The Gateways of an HTTPRoute or GRPCRoute; empty for an Ingress. */
  readonly parents: readonly ParentRef[];
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function records(value: unknown): [number, Mapping][] {
  return Array.isArray(value)
    ? value.flatMap((item: unknown, index) => (isRecord(item) ? [[index, item] as [number, Mapping]] : []))
    : [];
}

/** A port given as a number or (extensions/v1beta1 `servicePort`) an IntOrString. */
function portOf(value: unknown): BackendPort {
  if (typeof value === 'number' && Number.isInteger(value)) return { type: 'number', number: value };
  if (typeof value === 'string' && /^\d+$/.test(value)) return { type: 'number', number: Number(value) };
  if (typeof value === 'string' && value !== '') return { type: 'name', name: value };
  return { type: 'none' };
}

/**
 * An Ingress backend (kubernetes/api networking/v1 types.go IngressBackend): `service` with `name`
 * and `port.number` or `port.name` (mutually exclusive), or `resource` (a TypedLocalObjectReference
 * in the Ingress's namespace); the removed v1beta1 form `serviceName` / `servicePort` is read too.
 */
function ingressBackend(
  backend: Mapping,
  path: FieldPath,
  serves: string,
  namespace: string,
): RouteBackend | undefined {
  if (isRecord(backend.service)) {
    const port = isRecord(backend.service.port) ? backend.service.port : {};
    return {
      path,
      serves,
      group: '',
      kind: 'Service',
      namespace,
      name: text(backend.service.name) ?? '',
      port: port.number !== undefined ? portOf(port.number) : portOf(text(port.name)),
    };
  }
  if (isRecord(backend.resource))
    return {
      path,
      serves,
      group: text(backend.resource.apiGroup) ?? '',
      kind: text(backend.resource.kind) ?? '',
      namespace,
      name: text(backend.resource.name) ?? '',
      port: { type: 'none' },
    };
  const legacy = text(backend.serviceName);
  if (legacy !== undefined)
    return {
      path,
      serves,
      group: '',
      kind: 'Service',
      namespace,
      name: legacy,
      port: portOf(backend.servicePort),
    };
  return undefined;
}

function ingressRoute(resource: Resource, namespace: string): Route {
  const spec = isRecord(resource.object.spec) ? resource.object.spec : {};
  const backends: RouteBackend[] = [];
  if (isRecord(spec.defaultBackend)) {
    const backend = ingressBackend(
      spec.defaultBackend,
      ['spec', 'defaultBackend'],
      '(default backend)',
      namespace,
    );
    if (backend) backends.push(backend);
  } else if (isRecord(spec.backend)) {
    const backend = ingressBackend(spec.backend, ['spec', 'backend'], '(default backend)', namespace);
    if (backend) backends.push(backend);
  }
  for (const [i, rule] of records(spec.rules)) {
    const host = text(rule.host) || '*';
    const http = isRecord(rule.http) ? rule.http : {};
    for (const [j, entry] of records(http.paths)) {
      if (!isRecord(entry.backend)) continue;
      const path: FieldPath = ['spec', 'rules', i, 'http', 'paths', j, 'backend'];
      const backend = ingressBackend(entry.backend, path, `${host}${text(entry.path) ?? '/'}`, namespace);
      if (backend) backends.push(backend);
    }
  }
  return {
    resource,
    kind: 'Ingress',
    namespace,
    label: `ingress/${namespace}/${resource.name}`,
    backends,
    parents: [],
  };
}

/**
 * A Gateway API BackendObjectReference (gateway-api apis/v1 object_reference_types.go): `group`
 * defaults to '' (core), `kind` to Service, `namespace` to the route's; `port` is the Service port.
 */
function backendRef(ref: Mapping, path: FieldPath, serves: string, namespace: string): RouteBackend {
  return {
    path,
    serves,
    group: text(ref.group) ?? '',
    kind: text(ref.kind) ?? 'Service',
    namespace: text(ref.namespace) ?? namespace,
    name: text(ref.name) ?? '',
    port: typeof ref.port === 'number' ? portOf(ref.port) : { type: 'none' },
  };
}

/** The mirror backends of a list of filters (HTTPRequestMirrorFilter.backendRef). */
function mirrors(filters: unknown, at: FieldPath, serves: string, namespace: string): RouteBackend[] {
  return records(filters).flatMap(([k, filter]) => {
    const mirror = isRecord(filter.requestMirror) ? filter.requestMirror : undefined;
    if (!mirror || !isRecord(mirror.backendRef)) return [];
    const path = [...at, k, 'requestMirror', 'backendRef'];
    return [backendRef(mirror.backendRef, path, `${serves} (mirror)`, namespace)];
  });
}

/**
 * An HTTPRoute or GRPCRoute (gateway-api apis/v1 httproute_types.go, grpcroute_types.go):
 * `spec.parentRefs` (ParentReference: group defaults to gateway.networking.k8s.io, kind to Gateway,
 * namespace to the route's) and `spec.rules[].backendRefs`, plus the backends of request mirrors.
 */
function gatewayRoute(resource: Resource, kind: 'HTTPRoute' | 'GRPCRoute', namespace: string): Route {
  const spec = isRecord(resource.object.spec) ? resource.object.spec : {};
  const hostnames = Array.isArray(spec.hostnames) ? spec.hostnames.filter((h) => typeof h === 'string') : [];
  const hosts = hostnames.length > 0 ? `${hostnames.join(',')} ` : '';
  const backends: RouteBackend[] = [];
  for (const [i, rule] of records(spec.rules)) {
    const serves = `${hosts}rules[${i}]`;
    for (const [j, ref] of records(rule.backendRefs)) {
      const path: FieldPath = ['spec', 'rules', i, 'backendRefs', j];
      backends.push(backendRef(ref, path, serves, namespace));
      for (const mirror of mirrors(ref.filters, [...path, 'filters'], serves, namespace))
        backends.push(mirror);
    }
    for (const mirror of mirrors(rule.filters, ['spec', 'rules', i, 'filters'], serves, namespace))
      backends.push(mirror);
  }
  const parents = records(spec.parentRefs).map(([i, ref]): ParentRef => ({
    path: ['spec', 'parentRefs', i],
    group: text(ref.group) ?? GATEWAY_GROUP,
    kind: text(ref.kind) ?? 'Gateway',
    namespace: text(ref.namespace) ?? namespace,
    name: text(ref.name) ?? '',
    sectionName: text(ref.sectionName),
    port: typeof ref.port === 'number' ? ref.port : undefined,
  }));
  return {
    resource,
    kind,
    namespace,
    label: `${kind.toLowerCase()}/${namespace}/${resource.name}`,
    backends,
    parents,
  };
}

const INGRESS_API = /^(networking\.k8s\.io|extensions)\/v1(beta1)?$/;
const ROUTE_API = /^gateway\.networking\.k8s\.io\/v1(alpha2|beta1)?$/;

/** Every Ingress, HTTPRoute and GRPCRoute of the inventory, in input order per kind. */
export function routesOf(inventory: Inventory): Route[] {
  const routes: Route[] = [];
  for (const resource of ofKind(inventory, 'Ingress'))
    if (INGRESS_API.test(resource.apiVersion))
      routes.push(ingressRoute(resource, namespaceOf(inventory, resource)));
  for (const kind of ['HTTPRoute', 'GRPCRoute'] as const)
    for (const resource of ofKind(inventory, kind))
      if (ROUTE_API.test(resource.apiVersion))
        routes.push(gatewayRoute(resource, kind, namespaceOf(inventory, resource)));
  return routes;
}
