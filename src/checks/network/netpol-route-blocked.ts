import type { InventoryCheck } from '../../model/check.ts';
import { checkRouteAnalysis } from '../../netpol/ingress/analysis.ts';
import { hasRoutes, routeText } from '../../netpol/ingress/findings.ts';

/** A route whose backend pods the NetworkPolicies (or admin network policies) close to the controller's pods. */
export const netpolRouteBlocked: InventoryCheck = {
  id: 'netpol-route-blocked',
  title: 'Route blocked by NetworkPolicy',
  severity: 'low',
  theme: 'network',
  description:
    "The pods behind an Ingress, HTTPRoute or GRPCRoute backend do not admit the controller that sends its traffic, on the container port the Service targets: the route fails. The controller is the ingress controller's pods (setting netpolIngressController, default ingress-nginx's: namespace ingress-nginx, labels app.kubernetes.io/name=ingress-nginx and app.kubernetes.io/component=controller), and for a Gateway its own pods (setting netpolGatewayController, default the pods labelled gateway.networking.k8s.io/gateway-name in the Gateway's namespace, GEP-1762). When the input lacks those pods, a pod with those labels is modelled. AdminNetworkPolicies, the BaselineAdminNetworkPolicy and ClusterNetworkPolicies (v1alpha2) are honoured.",
  remediation:
    "Add an ingress rule admitting the controller's pods (a namespaceSelector on its namespace and a podSelector on its labels) on the target port, or set netpolIngressController / netpolGatewayController to the controller actually deployed.",
  nsa: ['network-policies'],
  references: [
    'Kubernetes docs: network-policies',
    'kubernetes/ingress-nginx deploy/static/provider/cloud/deploy.yaml',
    'Gateway API: GEP-1762 in-cluster Gateway deployments',
  ],
  applies: hasRoutes,
  target: 'inventory',
  *run({ inventory, settings }) {
    for (const row of checkRouteAnalysis(inventory, settings).rows) {
      if ((row.verdict !== 'blocked' && row.verdict !== 'partly blocked') || !row.peer) continue;
      for (const destination of row.destinations) {
        if (destination.allowed !== false) continue;
        yield {
          resource: row.route.resource,
          path: row.backend.path,
          message: `${routeText(row)} to ${destination.workloads.join(', ')} on TCP ${String(destination.port)}, which ${row.peer.name} may not reach: ${destination.blockedBy ?? 'denied'}`,
        };
      }
    }
  },
};
