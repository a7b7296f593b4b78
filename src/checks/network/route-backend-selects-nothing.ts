import type { InventoryCheck } from '../../model/check.ts';
import { checkRouteAnalysis } from '../../netpol/ingress/analysis.ts';
import { hasRoutes, routeText, rowsWith } from '../../netpol/ingress/findings.ts';

/** A route whose backend Service selects no pod: its requests fail (503), or go to whatever pod later carries the labels. */
export const routeBackendSelectsNothing: InventoryCheck = {
  id: 'route-backend-selects-nothing',
  title: 'Route to a Service that selects no pod',
  severity: 'low',
  theme: 'network',
  description:
    "An Ingress, HTTPRoute or GRPCRoute sends requests to a Service whose spec.selector matches no pod template in its namespace: the route serves errors, and any pod later created with those labels in that namespace receives the route's traffic from outside. An ExternalName Service and a Service without selector (endpoints managed by hand-written EndpointSlices) are not evaluated, nor is a Service the input lacks.",
  remediation:
    "Fix the Service's selector (or the pod template labels) so it selects the pods meant to serve the route, or remove the route's rule.",
  nsa: ['network-policies'],
  references: [
    'Kubernetes API: core/v1 ServiceSpec.selector',
    'Kubernetes API: networking.k8s.io/v1 IngressServiceBackend',
    'Gateway API: BackendObjectReference',
  ],
  applies: hasRoutes,
  target: 'inventory',
  *run({ inventory, settings }) {
    for (const row of rowsWith(checkRouteAnalysis(inventory, settings).rows, ['selects-nothing'])) {
      const selector = row.target?.type === 'selects-nothing' ? row.target.selector : '';
      yield {
        resource: row.route.resource,
        path: row.backend.path,
        message: `${routeText(row)} to Service ${row.backend.namespace}/${row.backend.name}, which selects no pod (selector ${selector})`,
      };
    }
  },
};
