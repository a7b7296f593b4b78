import { controllerPeers, modelledWorkloads } from '../netpol/ingress/peers.ts';
import { routeReachability } from '../netpol/ingress/reachability.ts';
import { routesOf } from '../netpol/ingress/routes.ts';
import { routeReport } from '../netpol/ingress/report.ts';
import { terminalWidth } from '../render/columns.ts';
import type { RouteFormat } from '../render/netpol/route-formats.ts';
import { renderRoutes } from '../render/netpol/routes.ts';
import type { InputFlags } from './netpol.ts';
import { exitCode, loadInventory, modelOf } from './netpol.ts';
import type { ControllerFlags } from './route-controllers.ts';
import { controllersOf } from './route-controllers.ts';

/** The verdicts `--fail-on-blocked` fails on. */
const FAILING = new Set(['blocked', 'partly blocked', 'no traffic']);

/**
 * `kubeward netpol ingress`: each Ingress, HTTPRoute and GRPCRoute backend → Service port → the
 * workloads behind it, and whether the policies let the controller's pods in.
 */
export async function netpolIngress(
  flags: InputFlags & ControllerFlags & { output: RouteFormat; failOnBlocked: boolean },
): Promise<void> {
  const controllers = controllersOf(flags);
  const { inventory, namespace } = await loadInventory(flags);
  const routes = routesOf(inventory);
  const peers = controllerPeers(inventory, routes, controllers);
  const model = modelOf(inventory, flags, modelledWorkloads(peers));
  const rows = routeReachability(inventory, model, routes, peers, controllers).filter(
    (row) =>
      namespace === undefined || row.route.namespace === namespace || row.backend.namespace === namespace,
  );
  process.stdout.write(renderRoutes(routeReport(rows, peers), flags.output, terminalWidth(process.stdout)));
  const failed = flags.failOnBlocked && rows.some((row) => FAILING.has(row.verdict));
  process.exitCode = exitCode(inventory, failed ? 1 : 0);
}
