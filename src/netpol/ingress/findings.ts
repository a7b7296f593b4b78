import type { Inventory } from '../../model/inventory.ts';
import { ofKind } from '../../model/inventory.ts';
import type { FieldPath } from '../../model/path.ts';
import { getAt, isRecord } from '../../model/path.ts';
import type { ReachProblem, RouteReach } from './reachability.ts';

/** Whether the inventory holds an Ingress, an HTTPRoute or a GRPCRoute. */
export function hasRoutes(inventory: Inventory): boolean {
  return ['Ingress', 'HTTPRoute', 'GRPCRoute'].some((kind) => ofKind(inventory, kind).length > 0);
}

/** `Ingress shop/web` (the route's kind and name) sending `serves`. */
export function routeText(reach: RouteReach): string {
  return `${reach.route.kind} ${reach.route.namespace}/${reach.route.resource.name} sends ${reach.backend.serves}`;
}

/** Where a backend names its Service port: `service.port` (Ingress), `servicePort` (v1beta1), `port`. */
export function backendPortPath(reach: RouteReach): FieldPath {
  const { path } = reach.backend;
  if (reach.route.kind !== 'Ingress') return [...path, 'port'];
  return isRecord(getAt(reach.route.resource.object, [...path, 'service']))
    ? [...path, 'service', 'port']
    : [...path, 'servicePort'];
}

/** The rows with one of the problems, once per backend (a route attached to two Gateways has two rows). */
export function rowsWith(rows: readonly RouteReach[], problems: readonly ReachProblem[]): RouteReach[] {
  const seen = new Set<string>();
  return rows.filter((row) => {
    if (row.problem === undefined || !problems.includes(row.problem)) return false;
    const key = `${row.route.label}\0${JSON.stringify(row.backend.path)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
