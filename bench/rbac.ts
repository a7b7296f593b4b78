import { loadSources } from '../src/load/load.ts';
import { buildInventory } from '../src/model/inventory.ts';
import { buildRbacModel } from '../src/rbac/model.ts';
import { parseRequest } from '../src/rbac/resources.ts';
import { whoCan, whoCanIndex } from '../src/rbac/who-can.ts';
import type { BenchCase } from './case.ts';
import { pick, seededRandom } from './random.ts';

const NAMESPACES = 200;
const CLUSTER_ROLES = 1_000;
const ROLES = 4_000;
const CLUSTER_ROLE_BINDINGS = 2_000;
const ROLE_BINDINGS = 18_000;
const QUERIES = 1_000;
const RBAC = 'rbac.authorization.k8s.io/v1';
const VERBS = [
  'get',
  'list',
  'watch',
  'create',
  'update',
  'patch',
  'delete',
  'deletecollection',
  'bind',
  'escalate',
  'impersonate',
];
const RESOURCES: readonly (readonly [string, string])[] = [
  ['', 'pods'],
  ['', 'pods/exec'],
  ['', 'pods/log'],
  ['', 'secrets'],
  ['', 'configmaps'],
  ['', 'services'],
  ['', 'serviceaccounts'],
  ['', 'serviceaccounts/token'],
  ['', 'nodes'],
  ['', 'nodes/proxy'],
  ['', 'namespaces'],
  ['apps', 'deployments'],
  ['apps', 'deployments/scale'],
  ['apps', 'statefulsets'],
  ['apps', 'daemonsets'],
  ['batch', 'jobs'],
  ['batch', 'cronjobs'],
  ['rbac.authorization.k8s.io', 'roles'],
  ['rbac.authorization.k8s.io', 'rolebindings'],
  ['networking.k8s.io', 'networkpolicies'],
  ['example.com', 'widgets'],
];

function rules(random: () => number): unknown[] {
  const count = 2 + Math.floor(random() * 5);
  return Array.from({ length: count }, () => {
    const [group, resource] = pick(random, RESOURCES);
    const roll = random();
    return {
      apiGroups: [roll < 0.03 ? '*' : group],
      resources: roll < 0.03 ? ['*'] : roll < 0.06 ? ['*/scale'] : [resource, pick(random, RESOURCES)[1]],
      verbs: roll < 0.05 ? ['*'] : [pick(random, VERBS), pick(random, VERBS), pick(random, VERBS)],
      ...(roll > 0.9 ? { resourceNames: [`name-${String(Math.floor(random() * 50))}`] } : {}),
    };
  });
}

function subjects(random: () => number, namespace: string): unknown[] {
  return Array.from({ length: 1 + Math.floor(random() * 3) }, () => {
    const roll = random();
    if (roll < 0.4)
      return { kind: 'ServiceAccount', name: `sa-${String(Math.floor(random() * 30))}`, namespace };
    if (roll < 0.8) return { kind: 'User', name: `user-${String(Math.floor(random() * 500))}` };
    return { kind: 'Group', name: `group-${String(Math.floor(random() * 50))}` };
  });
}

/** How many roles and bindings a generated RBAC corpus holds. */
export interface RbacCorpusSize {
  readonly clusterRoles: number;
  readonly roles: number;
  readonly clusterRoleBindings: number;
  readonly roleBindings: number;
}

const DEFAULT_SIZE: RbacCorpusSize = {
  clusterRoles: CLUSTER_ROLES,
  roles: ROLES,
  clusterRoleBindings: CLUSTER_ROLE_BINDINGS,
  roleBindings: ROLE_BINDINGS,
};

/**
 * A deterministic RBAC corpus in 200 namespaces, some cluster roles aggregated (by default 5,000
 * roles and 20,000 bindings).
 */
export function generateRbacCorpus(seed = 6, size: RbacCorpusSize = DEFAULT_SIZE): string {
  const { clusterRoles, roles, clusterRoleBindings, roleBindings } = size;
  const random = seededRandom(seed);
  const documents: unknown[] = [];
  for (let c = 0; c < clusterRoles; c++) {
    const aggregated = c % 50 === 0;
    documents.push({
      apiVersion: RBAC,
      kind: 'ClusterRole',
      metadata: {
        name: `cluster-role-${String(c)}`,
        labels: { [`example.com/aggregate-to-${String(c % 10)}`]: 'true' },
      },
      ...(aggregated
        ? {
            aggregationRule: {
              clusterRoleSelectors: [
                { matchLabels: { [`example.com/aggregate-to-${String((c / 50) % 10)}`]: 'true' } },
              ],
            },
            rules: [],
          }
        : { rules: rules(random) }),
    });
  }
  for (let r = 0; r < roles; r++)
    documents.push({
      apiVersion: RBAC,
      kind: 'Role',
      metadata: { name: `role-${String(r)}`, namespace: `ns-${String(r % NAMESPACES)}` },
      rules: rules(random),
    });
  for (let b = 0; b < clusterRoleBindings; b++)
    documents.push({
      apiVersion: RBAC,
      kind: 'ClusterRoleBinding',
      metadata: { name: `cluster-binding-${String(b)}` },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: `cluster-role-${String(Math.floor(random() * clusterRoles))}`,
      },
      subjects: subjects(random, `ns-${String(b % NAMESPACES)}`),
    });
  for (let b = 0; b < roleBindings; b++) {
    const namespace = `ns-${String(b % NAMESPACES)}`;
    const toRole = random() < 0.5;
    documents.push({
      apiVersion: RBAC,
      kind: 'RoleBinding',
      metadata: { name: `binding-${String(b)}`, namespace },
      roleRef: toRole
        ? {
            apiGroup: 'rbac.authorization.k8s.io',
            kind: 'Role',
            name: `role-${String((b % NAMESPACES) + NAMESPACES * Math.floor(random() * (roles / NAMESPACES)))}`,
          }
        : {
            apiGroup: 'rbac.authorization.k8s.io',
            kind: 'ClusterRole',
            name: `cluster-role-${String(Math.floor(random() * clusterRoles))}`,
          },
      subjects: subjects(random, namespace),
    });
  }
  return documents.map((document) => JSON.stringify(document)).join('\n---\n');
}

/** Index build (load excluded) and 1,000 who-can queries over 5,000 roles and 20,000 bindings. */
export const bench: BenchCase = {
  name: 'rbac',
  run() {
    const { resources } = loadSources([
      { file: 'rbac-bench.yaml', text: generateRbacCorpus(), format: 'yaml', named: true },
    ]);
    const inventory = buildInventory(resources);
    const startedCpu = process.cpuUsage();
    const started = performance.now();
    const model = buildRbacModel(inventory);
    whoCanIndex(model);
    const built = performance.now();
    const builtCpu = process.cpuUsage(startedCpu);
    const random = seededRandom(7);
    let rows = 0;
    for (let q = 0; q < QUERIES; q++) {
      const [group, resource] = pick(random, RESOURCES);
      const target =
        group === ''
          ? resource
          : `${resource.split('/')[0] ?? resource}.${group}${resource.includes('/') ? `/${resource.split('/')[1] ?? ''}` : ''}`;
      const request = parseRequest(
        pick(random, VERBS),
        target,
        `ns-${String(Math.floor(random() * NAMESPACES))}`,
      );
      const result = whoCan(model, request, {
        namespace: request.kind === 'resource' ? request.namespace : '',
      });
      rows += result.roleBindings.length + result.clusterRoleBindings.length;
    }
    const queried = performance.now();
    const queriedCpu = process.cpuUsage(startedCpu);
    const cpuMs = (usage: NodeJS.CpuUsage): number => (usage.user + usage.system) / 1000;
    return Promise.resolve([
      {
        label: 'roles / bindings',
        value: CLUSTER_ROLES + ROLES,
        unit: `roles, ${String(CLUSTER_ROLE_BINDINGS + ROLE_BINDINGS)} bindings`,
      },
      {
        label: 'index build (roles, bindings, aggregation, who-can index)',
        value: built - started,
        unit: 'ms',
      },
      { label: 'index build, CPU time', value: cpuMs(builtCpu), unit: 'ms' },
      { label: `${String(QUERIES)} who-can queries`, value: queried - built, unit: 'ms' },
      {
        label: `${String(QUERIES)} who-can queries, CPU time`,
        value: cpuMs(queriedCpu) - cpuMs(builtCpu),
        unit: 'ms',
      },
      { label: 'who-can rows returned (checksum)', value: rows, unit: 'rows' },
    ]);
  },
};
