import type { Inventory } from '../../model/inventory.ts';
import { find, namespaceOf, ofKind } from '../../model/inventory.ts';
import { selectorMatches } from '../../model/label-selector.ts';
import { NAMESPACE_NAME_LABEL } from '../../model/namespace.ts';
import type { Mapping } from '../../model/path.ts';
import { isRecord } from '../../model/path.ts';
import type { Resource } from '../../model/resource.ts';
import type { ParentRef, Route, RouteBackend } from './routes.ts';
import { GATEWAY_GROUP } from './routes.ts';

/** A route's parentRef to a Gateway, and whether that Gateway takes the route. */
export interface Attachment {
  readonly parent: ParentRef;
  /** The Gateway, when the input holds it (without it the route is taken as attached). */
  readonly gateway: Resource | undefined;
  /** Why no listener of the Gateway accepts the route; undefined when attached. */
  readonly refused: string | undefined;
}

const GATEWAY_API = /^gateway\.networking\.k8s\.io\/v1(alpha2|beta1)?$/;

function listenersOf(gateway: Resource): [number, Mapping][] {
  const spec = isRecord(gateway.object.spec) ? gateway.object.spec : {};
  const listeners = Array.isArray(spec.listeners) ? spec.listeners : [];
  return listeners.flatMap((listener: unknown, index) =>
    isRecord(listener) ? [[index, listener] as [number, Mapping]] : [],
  );
}

/**
 * Whether a listener's `allowedRoutes` admits the route (gateway-api apis/v1 gateway_types.go
 * AllowedRoutes: `namespaces.from` defaults to Same, All admits every namespace, Selector the
 * namespaces its selector matches; `kinds`, when listed, must name the route's kind).
 */
function listenerAdmits(
  inventory: Inventory,
  listener: Mapping,
  gatewayNamespace: string,
  route: Route,
): boolean {
  const allowed = isRecord(listener.allowedRoutes) ? listener.allowedRoutes : {};
  const namespaces = isRecord(allowed.namespaces) ? allowed.namespaces : {};
  const from = typeof namespaces.from === 'string' ? namespaces.from : 'Same';
  const labels = inventory.namespaces.get(route.namespace)?.labels ?? {
    [NAMESPACE_NAME_LABEL]: route.namespace,
  };
  const inNamespace =
    from === 'All' ||
    (from === 'Same' && route.namespace === gatewayNamespace) ||
    (from === 'Selector' && isRecord(namespaces.selector) && selectorMatches(namespaces.selector, labels));
  if (!inNamespace) return false;
  if (!Array.isArray(allowed.kinds) || allowed.kinds.length === 0) return true;
  return allowed.kinds.some(
    (kind: unknown) =>
      isRecord(kind) &&
      kind.kind === route.kind &&
      (typeof kind.group === 'string' ? kind.group : GATEWAY_GROUP) === GATEWAY_GROUP,
  );
}

/**
 * The Gateways a route names in `spec.parentRefs` and whether each takes it: a listener matching
 * the parentRef's `sectionName` and `port` (when given) whose `allowedRoutes` admit the route's
 * namespace and kind. Parents of other kinds (a Service, for mesh routing) are left out.
 */
export function attachmentsOf(inventory: Inventory, route: Route): Attachment[] {
  const attachments: Attachment[] = [];
  for (const parent of route.parents) {
    if (parent.group !== GATEWAY_GROUP || parent.kind !== 'Gateway') continue;
    const found = find(inventory, 'Gateway', parent.namespace, parent.name);
    const gateway = found && GATEWAY_API.test(found.apiVersion) ? found : undefined;
    if (!gateway) {
      attachments.push({ parent, gateway: undefined, refused: undefined });
      continue;
    }
    const listeners = listenersOf(gateway).filter(
      ([, listener]) =>
        (parent.sectionName === undefined || listener.name === parent.sectionName) &&
        (parent.port === undefined || listener.port === parent.port),
    );
    const admits = listeners.some(([, listener]) =>
      listenerAdmits(inventory, listener, namespaceOf(inventory, gateway), route),
    );
    const where =
      parent.sectionName === undefined && parent.port === undefined
        ? ''
        : ` ${[parent.sectionName && `named ${parent.sectionName}`, parent.port && `on port ${parent.port}`].filter(Boolean).join(' ')}`;
    attachments.push({
      parent,
      gateway,
      refused: admits
        ? undefined
        : listeners.length === 0
          ? `Gateway ${parent.namespace}/${parent.name} has no listener${where}`
          : `no listener${where} of Gateway ${parent.namespace}/${parent.name} allows ${route.kind}s from namespace ${route.namespace} (allowedRoutes)`,
    });
  }
  return attachments;
}

const GRANT_API = /^gateway\.networking\.k8s\.io\/v1(alpha2|beta1)?$/;

/**
 * Whether a backend in another namespace than the route's is granted: a ReferenceGrant in the
 * backend's namespace lists the route (group, kind, namespace) in `from` and the backend (group,
 * kind, and name when given) in `to` (gateway-api apis/v1 referencegrant_types.go). A backend in
 * the route's own namespace needs none.
 */
export function referenceGranted(inventory: Inventory, route: Route, backend: RouteBackend): boolean {
  if (backend.namespace === route.namespace) return true;
  return ofKind(inventory, 'ReferenceGrant').some((grant) => {
    if (!GRANT_API.test(grant.apiVersion) || namespaceOf(inventory, grant) !== backend.namespace)
      return false;
    const spec = isRecord(grant.object.spec) ? grant.object.spec : {};
    const from = Array.isArray(spec.from) ? spec.from.filter(isRecord) : [];
    const to = Array.isArray(spec.to) ? spec.to.filter(isRecord) : [];
    return (
      from.some(
        (entry) =>
          (entry.group ?? '') === GATEWAY_GROUP &&
          entry.kind === route.kind &&
          entry.namespace === route.namespace,
      ) &&
      to.some(
        (entry) =>
          (entry.group ?? '') === backend.group &&
          entry.kind === backend.kind &&
          (entry.name === undefined || entry.name === '' || entry.name === backend.name),
      )
    );
  });
}
