import { loadSources } from '../src/load/load.ts';
import { buildInventory } from '../src/model/inventory.ts';
import { allowedPorts, buildNetpolModel } from '../src/netpol/engine.ts';
import { formatPorts } from '../src/netpol/ports.ts';
import type { PortSet } from '../src/netpol/ports.ts';
import { exposureOf } from '../src/netpol/exposure.ts';
import { reachabilityMatrix } from '../src/netpol/matrix.ts';
import type { Inventory } from '../src/model/inventory.ts';
import type { Endpoint, NetpolModel } from '../src/netpol/engine.ts';
import type { IpRange } from '../src/netpol/ip.ts';
import type { PodClass } from '../src/netpol/pods.ts';
import type { ReachabilityMatrix } from '../src/netpol/matrix.ts';
import type { BenchCase } from './case.ts';
import { BenchFailure, median } from './case.ts';
import { pick, seededRandom } from './random.ts';

const WORKLOADS = 5_000;
const NAMESPACES = 200;
const POLICIES = 2_000;
const ADMIN_POLICIES = 200;
const TEAMS = ['payments', 'search', 'identity', 'media', 'platform'];
const TIERS = ['web', 'api', 'worker', 'db', 'cache'];

/** How many of each object a generated netpol corpus holds. */
export interface NetpolCorpusSize {
  readonly workloads: number;
  readonly namespaces: number;
  readonly policies: number;
}

const DEFAULT_SIZE: NetpolCorpusSize = { workloads: WORKLOADS, namespaces: NAMESPACES, policies: POLICIES };

/**
 * A deterministic cluster: Namespaces, Deployments with named ports, NetworkPolicies of every shape
 * (by default 5,000 Deployments in 200 namespaces under 2,000 policies).
 */
export function generateNetpolCorpus(seed = 5, size: NetpolCorpusSize = DEFAULT_SIZE): string {
  const { workloads, namespaces, policies } = size;
  const random = seededRandom(seed);
  const documents: unknown[] = [];
  for (let n = 0; n < namespaces; n++) {
    documents.push({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: `ns-${n}`, labels: { team: pick(random, TEAMS) } },
    });
  }
  for (let w = 0; w < workloads; w++) {
    const tier = pick(random, TIERS);
    documents.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: `app-${w}`, namespace: `ns-${w % namespaces}` },
      spec: {
        selector: { matchLabels: { app: `app-${w}` } },
        template: {
          metadata: { labels: { app: `app-${w}`, tier, version: random() < 0.5 ? 'v1' : 'v2' } },
          spec: {
            containers: [
              {
                name: 'main',
                image: 'example/app:1',
                ports: [
                  { name: 'http', containerPort: 8000 + (w % 7) },
                  { name: 'metrics', containerPort: 9090 },
                ],
              },
            ],
          },
        },
      },
    });
  }
  for (let p = 0; p < policies; p++) {
    const namespace = `ns-${p % namespaces}`;
    const kind = Math.floor(p / namespaces) % 10;
    const tier = pick(random, TIERS);
    const metadata = { name: `policy-${p}`, namespace };
    let spec: unknown;
    if (kind === 0)
      spec = { podSelector: {}, policyTypes: p % 2 === 0 ? ['Ingress', 'Egress'] : ['Ingress'] };
    else if (kind === 1)
      spec = {
        podSelector: p % 2 === 0 ? {} : { matchLabels: { tier: 'db' } },
        policyTypes: ['Egress'],
        egress: [
          {
            to: [{ namespaceSelector: {}, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
            ports: [
              { protocol: 'UDP', port: 53 },
              { protocol: 'TCP', port: 53 },
            ],
          },
        ],
      };
    else if (kind <= 4)
      spec = {
        podSelector: { matchLabels: { tier } },
        ingress: [
          {
            from: [{ podSelector: { matchLabels: { tier: pick(random, TIERS) } } }],
            ports: [{ port: 'http' }],
          },
        ],
      };
    else if (kind <= 6)
      spec = {
        podSelector: {
          matchExpressions: [{ key: 'tier', operator: 'In', values: [tier, pick(random, TIERS)] }],
        },
        ingress: [
          {
            from: [
              {
                namespaceSelector: { matchLabels: { team: pick(random, TEAMS) } },
                podSelector: { matchLabels: { version: 'v2' } },
              },
            ],
            ports: [{ port: 8000, endPort: 8003 }],
          },
        ],
      };
    else if (kind === 7)
      spec = {
        podSelector: { matchLabels: { app: `app-${(p * 7) % workloads}` } },
        policyTypes: ['Egress'],
        egress: [
          {
            to: [
              { ipBlock: { cidr: `10.${p % 256}.0.0/16`, except: [`10.${p % 256}.${p % 200}.0/24`] } },
              { ipBlock: { cidr: `fd00:${p.toString(16)}::/64` } },
            ],
            ports: [{ port: 443 }],
          },
        ],
      };
    else if (kind === 8)
      spec = {
        podSelector: { matchLabels: { tier: 'web' } },
        ingress: [
          {
            from: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.0.0/16'] } }],
            ports: [{ port: 'http' }],
          },
        ],
      };
    else
      spec = {
        podSelector: { matchLabels: { tier } },
        policyTypes: ['Egress'],
        egress: [
          {
            to: [{ namespaceSelector: { matchLabels: { team: pick(random, TEAMS) } } }],
            ports: [{ port: 'metrics' }],
          },
        ],
      };
    documents.push({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata, spec });
  }
  return documents.map((document) => JSON.stringify(document)).join('\n---\n');
}

/**
 * AdminNetworkPolicies of every shape over the corpus's namespaces (labelled `team`) and pods
 * (labelled `tier`), plus the BaselineAdminNetworkPolicy `default`: subjects by namespace or by
 * namespace and pod, Allow/Deny/Pass rules with namespaces, pods and networks peers, numbered, ranged
 * and named ports. Priorities repeat every 150 policies, so some share one (as clusters do).
 */
export function generateAdminPolicies(count = ADMIN_POLICIES, seed = 7): string {
  const random = seededRandom(seed);
  const documents: unknown[] = [];
  const actions = ['Allow', 'Deny', 'Pass'];
  const team = (): unknown => ({ matchLabels: { team: pick(random, TEAMS) } });
  const tier = (): unknown => ({ matchLabels: { tier: pick(random, TIERS) } });
  const ports = (i: number): unknown[] | undefined =>
    i % 4 === 0
      ? undefined
      : i % 4 === 1
        ? [{ portNumber: { protocol: 'TCP', port: 8000 + (i % 7) } }]
        : i % 4 === 2
          ? [{ portRange: { protocol: 'TCP', start: 8000, end: 8003 } }]
          : [{ namedPort: 'metrics' }];
  for (let a = 0; a < count; a++) {
    const subject =
      a % 3 === 0
        ? { namespaces: team() }
        : { pods: { namespaceSelector: a % 2 === 0 ? {} : team(), podSelector: tier() } };
    const peer = (i: number): unknown =>
      i % 3 === 0 ? { namespaces: team() } : { pods: { namespaceSelector: team(), podSelector: tier() } };
    const ingress = [0, 1].map((i) => ({
      name: `in-${i}`,
      action: pick(random, actions),
      from: [peer(a + i)],
      ...(ports(a + i) ? { ports: ports(a + i) } : {}),
    }));
    const egress = [0, 1].map((i) => ({
      name: `out-${i}`,
      action: pick(random, actions),
      to: [i === 1 && a % 5 === 0 ? { networks: [`10.${a % 256}.0.0/16`] } : peer(a + i + 1)],
      ...(ports(a + i + 1) && !(i === 1 && a % 5 === 0 && (a + i + 1) % 4 === 3)
        ? { ports: ports(a + i + 1) }
        : {}),
    }));
    documents.push({
      apiVersion: 'policy.networking.k8s.io/v1alpha1',
      kind: 'AdminNetworkPolicy',
      metadata: { name: `anp-${a}` },
      spec: { priority: a % 150, subject, ingress, egress },
    });
  }
  documents.push({
    apiVersion: 'policy.networking.k8s.io/v1alpha1',
    kind: 'BaselineAdminNetworkPolicy',
    metadata: { name: 'default' },
    spec: {
      subject: { namespaces: {} },
      ingress: [
        { name: 'allow-same-team', action: 'Allow', from: [{ namespaces: team() }] },
        { name: 'deny-rest', action: 'Deny', from: [{ namespaces: {} }] },
      ],
      egress: [{ name: 'deny-metadata', action: 'Deny', to: [{ networks: ['169.254.169.254/32'] }] }],
    },
  });
  return documents.map((document) => JSON.stringify(document)).join('\n---\n');
}

/** CPU milliseconds of the model and matrix of an inventory. */
function matrixCpu(inventory: Inventory): {
  readonly cpu: number;
  readonly model: NetpolModel;
  readonly matrix: ReachabilityMatrix;
} {
  const started = process.cpuUsage();
  const model = buildNetpolModel(inventory);
  const matrix = reachabilityMatrix(model);
  const cpu = process.cpuUsage(started);
  return { cpu: (cpu.user + cpu.system) / 1000, model, matrix };
}

/**
 * Cells of the matrix, drawn at random (class × class, atom × class, class × atom), whose ports differ
 * from the pairwise evaluation of the same model (allowedPorts: every tier, rule by rule), as text.
 */
function sampleDisagreements(model: NetpolModel, matrix: ReachabilityMatrix, samples: number): string[] {
  const random = seededRandom(11);
  const classes = model.pods.classes;
  const n = classes.length;
  const atoms = model.atoms.length;
  const text = (id: number): string => formatPorts(matrix.portSets[id] as PortSet);
  const wrong: string[] = [];
  for (let i = 0; i < samples; i++) {
    const s = Math.floor(random() * n);
    const d = Math.floor(random() * n);
    const a = Math.floor(random() * atoms);
    const source: Endpoint = { type: 'pods', podClass: classes[s] as PodClass };
    const destination: Endpoint = { type: 'pods', podClass: classes[d] as PodClass };
    const atom: Endpoint = { type: 'ip', range: model.atoms[a] as IpRange };
    const cells: [string, number, PortSet][] = [
      [
        `class ${s} → class ${d}`,
        matrix.classToClass[s * n + d] ?? 0,
        allowedPorts(model, source, destination),
      ],
      [`atom ${a} → class ${d}`, matrix.atomToClass[a * n + d] ?? 0, allowedPorts(model, atom, destination)],
      [`class ${s} → atom ${a}`, matrix.classToAtom[s * atoms + a] ?? 0, allowedPorts(model, source, atom)],
    ];
    for (const [where, id, expected] of cells)
      if (text(id) !== formatPorts(expected))
        wrong.push(`${where}: matrix ${text(id)}, pairwise ${formatPorts(expected)}`);
  }
  return wrong;
}

/** CPU milliseconds of `netpol exposure`'s answers (every class, both directions) on a built model. */
function exposureCpu(model: NetpolModel, inventory: Inventory): number {
  const started = process.cpuUsage();
  exposureOf(model, inventory);
  const cpu = process.cpuUsage(started);
  return (cpu.user + cpu.system) / 1000;
}

/** Random cells of the ANP matrix checked against the pairwise evaluation (three cells each). */
const SAMPLES = 400;

/** At most this many times the NetworkPolicy-only CPU time once the ANPs and the BANP are added. */
const ADMIN_RATIO_GOAL = 1.5;

/**
 * Full reachability matrix for 5,000 workloads in 200 namespaces under 2,000 policies: model
 * (pod classes, selector sets per rule) plus every class × class cell and every class × address-atom
 * cell. Peak memory is the process's maxRSS, which includes loading the corpus. The same cluster with
 * 200 ANPs and the BANP: the matrix at most 1.5× the NetworkPolicy-only CPU time, and the exposure
 * answers, whose ratio is printed.
 */
export const bench: BenchCase = {
  name: 'netpol',
  run() {
    const text = generateNetpolCorpus();
    const { resources } = loadSources([{ file: 'netpol-bench.yaml', text, format: 'yaml', named: true }]);
    const inventory = buildInventory(resources);
    const rssBefore = process.memoryUsage().rss;
    const cpuStarted = process.cpuUsage();
    const started = performance.now();
    const model = buildNetpolModel(inventory);
    const built = performance.now();
    const matrix = reachabilityMatrix(model);
    const finished = performance.now();
    const cpu = process.cpuUsage(cpuStarted);
    let allowedPairs = 0;
    for (const cell of matrix.classToClass) if (cell !== 0) allowedPairs++;
    const classes = model.pods.classes.length;
    // The same cluster with 200 ANPs and the BANP, measured in alternation with the NetworkPolicy-only
    // one (CPU time, median of three each), so the ratio compares runs under the same load.
    const adminText = generateAdminPolicies();
    const withAdmin = buildInventory([
      ...resources,
      ...loadSources([{ file: 'netpol-bench-admin.yaml', text: adminText, format: 'yaml', named: true }])
        .resources,
    ]);
    const plain: number[] = [];
    const admin: number[] = [];
    let adminRun = matrixCpu(withAdmin);
    for (let round = 0; round < 3; round++) {
      plain.push(matrixCpu(inventory).cpu);
      adminRun = matrixCpu(withAdmin);
      admin.push(adminRun.cpu);
    }
    const ratio = median(admin) / median(plain);
    let adminPairs = 0;
    for (const cell of adminRun.matrix.classToClass) if (cell !== 0) adminPairs++;
    const disagreements = sampleDisagreements(adminRun.model, adminRun.matrix, SAMPLES);
    // Exposure on the same two models, one after the other (once each: the ANP run is the long one).
    const plainExposure = exposureCpu(model, inventory);
    const adminExposure = exposureCpu(adminRun.model, withAdmin);
    const measurements = [
      { label: 'workloads', value: inventory.workloads.length, unit: '' },
      { label: 'namespaces', value: inventory.namespaces.size, unit: '' },
      { label: 'policies', value: model.policies.length, unit: '' },
      { label: 'pod classes', value: classes, unit: '' },
      { label: 'address atoms (IPv4 + IPv6)', value: model.atoms.length, unit: '' },
      { label: 'distinct port sets', value: matrix.portSets.length, unit: '' },
      { label: 'class pairs with some port allowed', value: allowedPairs, unit: '' },
      { label: 'model (classes, selectors, rules)', value: built - started, unit: 'ms' },
      { label: 'full matrix (class × class and × atoms)', value: finished - built, unit: 'ms' },
      { label: 'total (wall)', value: finished - started, unit: 'ms' },
      {
        label: 'total CPU time (user + system)',
        value: (cpu.user + cpu.system) / 1000,
        unit: 'ms',
      },
      { label: 'rss before model', value: rssBefore / 2 ** 20, unit: 'MiB' },
      { label: 'rss after matrix', value: process.memoryUsage().rss / 2 ** 20, unit: 'MiB' },
      { label: 'peak rss (resourceUsage maxRSS)', value: process.resourceUsage().maxRSS / 1024, unit: 'MiB' },
      {
        label: 'AdminNetworkPolicies (+ BANP default)',
        value: adminRun.model.admin.policies.admin.length,
        unit: '',
      },
      { label: 'class pairs with some port allowed, with ANPs', value: adminPairs, unit: '' },
      { label: 'model + matrix CPU, NetworkPolicies only (median of 3)', value: median(plain), unit: 'ms' },
      { label: 'model + matrix CPU, with ANPs and BANP (median of 3)', value: median(admin), unit: 'ms' },
      { label: 'with ANPs / NetworkPolicies only', value: ratio, unit: '×' },
      { label: 'exposure CPU, NetworkPolicies only', value: plainExposure, unit: 'ms' },
      { label: 'exposure CPU, with ANPs and BANP', value: adminExposure, unit: 'ms' },
      { label: 'exposure with ANPs / NetworkPolicies only', value: adminExposure / plainExposure, unit: '×' },
      {
        label: 'sampled ANP matrix cells agreeing with pairwise evaluation',
        value: 3 * SAMPLES - disagreements.length,
        unit: `of ${String(3 * SAMPLES)}`,
      },
    ];
    if (disagreements.length > 0)
      return Promise.reject(
        new BenchFailure(
          `the ANP matrix differs from the pairwise evaluation on ${String(disagreements.length)} sampled cells, first: ${disagreements[0] ?? ''}`,
          measurements,
        ),
      );
    if (ratio > ADMIN_RATIO_GOAL)
      return Promise.reject(
        new BenchFailure(
          `200 ANPs and a BANP cost ${ratio.toFixed(2)}× the NetworkPolicy-only matrix (goal: at most ${ADMIN_RATIO_GOAL}×)`,
          measurements,
        ),
      );
    return Promise.resolve(measurements);
  },
};
