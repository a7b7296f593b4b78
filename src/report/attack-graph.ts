import type { Inventory } from '../model/inventory.ts';
import type { Settings } from '../model/settings.ts';
import { describeChain, reachingAttackPaths } from '../rbac/attack-paths.ts';
import { rbacModelOf } from '../rbac/cache.ts';
import { describeObject } from '../rbac/model.ts';

/** A step of an attack path: a workload, its ServiceAccount, a binding, a role, or a goal it reaches. */
export interface AttackNode {
  readonly id: string;
  readonly type: 'workload' | 'serviceaccount' | 'binding' | 'role' | 'goal';
  readonly label: string;
  /** On a path whose workload gets its token: the path is open to whoever compromises the workload. */
  readonly critical: boolean;
}

/** A link of an attack path (runs as, is named by, grants, allows). */
export interface AttackEdge {
  readonly source: string;
  readonly destination: string;
  readonly critical: boolean;
}

/** The workloads whose identity reaches a cluster-admin-equivalent goal (`graphs.attackPaths`). */
export interface AttackGraph {
  readonly nodes: readonly AttackNode[];
  readonly edges: readonly AttackEdge[];
  /** One line per chain, as `rbac paths` prints it, critical ones first. */
  readonly chains: readonly { readonly chain: string; readonly critical: boolean }[];
  /** Workloads with a path left out beyond {@link ATTACK_WORKLOADS}. */
  readonly omitted: number;
}

/** Workloads drawn at most (those whose token is mounted first). */
export const ATTACK_WORKLOADS = 100;

/**
 * The RBAC attack paths of an inventory, from the engine behind `kubeward rbac paths` (with the
 * bootstrap roles of the `kubernetesVersion` setting), as a graph: workload → ServiceAccount →
 * binding → role → goal. A path is critical when the workload's token is mounted. Pure.
 */
export function attackGraph(inventory: Inventory, settings: Settings): AttackGraph {
  const model = rbacModelOf(inventory, settings.kubernetesVersion);
  const reaching = [...reachingAttackPaths(model, inventory)].sort(
    (a, b) => Number(b.identity.tokenMounted) - Number(a.identity.tokenMounted),
  );
  const shown = reaching.slice(0, ATTACK_WORKLOADS);
  const nodes = new Map<string, AttackNode>();
  const edges = new Map<string, AttackEdge>();
  const node = (id: string, type: AttackNode['type'], label: string, critical: boolean): string => {
    const known = nodes.get(id);
    if (!known || (critical && !known.critical)) nodes.set(id, { id, type, label, critical });
    return id;
  };
  const edge = (source: string, destination: string, critical: boolean): void => {
    const key = `${source}\u0000${destination}`;
    const known = edges.get(key);
    if (!known || (critical && !known.critical)) edges.set(key, { source, destination, critical });
  };
  const chains: { chain: string; critical: boolean }[] = [];
  for (const { identity, escalations } of shown) {
    const critical = identity.tokenMounted;
    const { resource, namespace } = identity.workload;
    const workload = node(
      `workload:${resource.kind}/${namespace}/${resource.name}`,
      'workload',
      `${resource.kind} ${namespace}/${resource.name}`,
      critical,
    );
    const account = `${namespace}/${identity.serviceAccount}`;
    const serviceAccount = node(
      `serviceaccount:${account}`,
      'serviceaccount',
      `ServiceAccount ${account}`,
      critical,
    );
    edge(workload, serviceAccount, critical);
    for (const escalation of escalations) {
      const goal = node(`goal:${escalation.goal}`, 'goal', escalation.goal, critical);
      for (const { grant } of escalation.grants) {
        const binding = describeObject(grant.binding);
        const role = describeObject(grant.role);
        node(`binding:${binding}`, 'binding', binding, critical);
        node(`role:${role}`, 'role', role, critical);
        edge(serviceAccount, `binding:${binding}`, critical);
        edge(`binding:${binding}`, `role:${role}`, critical);
        edge(`role:${role}`, goal, critical);
      }
      chains.push({ chain: describeChain(identity, escalation), critical });
    }
  }
  return {
    nodes: [...nodes.values()],
    edges: [...edges.values()],
    chains,
    omitted: reaching.length - shown.length,
  };
}
