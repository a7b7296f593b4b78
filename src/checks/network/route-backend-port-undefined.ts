import type { InventoryCheck } from '../../model/check.ts';
import { checkRouteAnalysis } from '../../netpol/ingress/analysis.ts';
import { backendPortPath, hasRoutes, routeText, rowsWith } from '../../netpol/ingress/findings.ts';

/** A route to a Service port the Service lacks, or whose named targetPort none of its pods declares. */
export const routeBackendPortUndefined: InventoryCheck = {
  id: 'route-backend-port-undefined',
  title: 'Route to a port the Service does not expose',
  severity: 'low',
  theme: 'network',
  description:
    "An Ingress backend names a Service port by number or name (port.number, port.name), a Gateway API backendRef by number (the Service port, not the target port). When the Service has no such TCP port, or the port's targetPort is a name that no container of the selected pods declares, the route's requests reach no pod. ExternalName Services, Services without selector and Services the input lacks are not evaluated.",
  remediation:
    "Name a port the Service exposes (its spec.ports[].port or name), and give the containers the port name the Service's targetPort uses.",
  nsa: ['network-policies'],
  references: [
    'Kubernetes API: networking.k8s.io/v1 ServiceBackendPort',
    'Kubernetes API: core/v1 ServicePort.targetPort',
    'Gateway API: BackendObjectReference.port',
  ],
  applies: hasRoutes,
  target: 'inventory',
  *run({ inventory, settings }) {
    const rows = checkRouteAnalysis(inventory, settings).rows;
    for (const row of rowsWith(rows, ['port-missing', 'target-port-undefined'])) {
      const service = `Service ${row.backend.namespace}/${row.backend.name}`;
      const target = row.target;
      if (target?.type === 'port-missing') {
        const port = row.backend.port;
        const named =
          port.type === 'number'
            ? `port ${port.number}`
            : port.type === 'name'
              ? `port "${port.name}"`
              : 'no port';
        yield {
          resource: row.route.resource,
          path: backendPortPath(row),
          message: `${routeText(row)} to ${service} ${named}, which it does not expose as TCP (its ports: ${target.ports.length > 0 ? target.ports.join(', ') : 'none'})`,
        };
      } else if (target?.type === 'pods')
        yield {
          resource: row.route.resource,
          path: backendPortPath(row),
          message: `${routeText(row)} to ${service} port ${target.servicePort.port}, whose targetPort "${String(target.servicePort.targetPort)}" no container of the pods it selects declares`,
        };
    }
  },
};
