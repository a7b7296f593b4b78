import type { ControllerPeer } from './peers.ts';
import type { DestinationReach, ReachProblem, ReachVerdict, RouteReach } from './reachability.ts';

/** One row of `kubeward netpol ingress`, as plain data (JSON). */
export interface RouteRow {
  /** `ingress/NS/NAME`, `httproute/NS/NAME`, `grpcroute/NS/NAME`. */
  readonly route: string;
  /** `file:line:col` of the backend reference. */
  readonly location: string;
  /** The requests it serves: `host/path`, `(default backend)`, `hosts rules[i]`. */
  readonly serves: string;
  /** `Service NS/NAME port 80`, `Service NS/NAME port "http"`, or the other kind referenced. */
  readonly backend: string;
  /** The Service port found, as `80 -> http` (port -> targetPort); empty when none. */
  readonly servicePort: string;
  /** Who sends the traffic: `{ingress-controller}` when modelled, else its workloads. */
  readonly controller: string;
  /** The pods the controller is given as (`NAMESPACE/SELECTOR`). */
  readonly controllerPods: string;
  readonly modelled: boolean;
  readonly verdict: ReachVerdict;
  readonly problem: ReachProblem | null;
  readonly detail: string;
  readonly destinations: readonly DestinationReach[];
}

/** Everything `kubeward netpol ingress` prints. */
export interface RouteReport {
  readonly controllers: readonly {
    readonly name: string;
    readonly pods: string;
    readonly modelled: boolean;
  }[];
  readonly rows: readonly RouteRow[];
}

function backendText(reach: RouteReach): string {
  const { backend } = reach;
  const name = `${backend.namespace}/${backend.name}`;
  if (backend.group !== '' || backend.kind !== 'Service')
    return `${backend.group === '' ? '' : `${backend.group}/`}${backend.kind} ${name}`;
  const port =
    backend.port.type === 'number'
      ? `port ${backend.port.number}`
      : backend.port.type === 'name'
        ? `port "${backend.port.name}"`
        : 'no port';
  return `Service ${name} ${port}`;
}

/** The rows and controllers as plain data, each backend located at `file:line:col`. */
export function routeReport(rows: readonly RouteReach[], peers: readonly ControllerPeer[]): RouteReport {
  return {
    controllers: peers.map((peer) => ({ name: peer.name, pods: peer.spec.text, modelled: peer.modelled })),
    rows: rows.map((reach): RouteRow => {
      const resource = reach.route.resource;
      const position = resource.origin.locate(reach.backend.path);
      const servicePort =
        reach.target?.type === 'pods'
          ? `${reach.target.servicePort.port} -> ${String(reach.target.servicePort.targetPort)}`
          : '';
      return {
        route: reach.route.label,
        location: `${resource.origin.file}:${position.line}:${position.column}`,
        serves: reach.backend.serves,
        backend: backendText(reach),
        servicePort,
        controller: reach.peer?.name ?? '',
        controllerPods: reach.peer?.spec.text ?? '',
        modelled: reach.peer?.modelled ?? false,
        verdict: reach.verdict,
        problem: reach.problem ?? null,
        detail: reach.detail,
        destinations: reach.destinations,
      };
    }),
  };
}
