import { loadSources } from '../src/load/load.ts';
import { buildInventory } from '../src/model/inventory.ts';
import { buildNetpolModel } from '../src/netpol/engine.ts';
import { reachabilityMatrix } from '../src/netpol/matrix.ts';
import type { BenchCase } from './case.ts';
import { pick, seededRandom } from './random.ts';

const WORKLOADS = 5_000;
const NAMESPACES = 200;
const POLICIES = 2_000;
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
 * Full reachability matrix for 5,000 workloads in 200 namespaces under 2,000 policies: model
 * (pod classes, selector sets per rule) plus every class × class cell and every class × address-atom
 * cell. Peak memory is the process's maxRSS, which includes loading the corpus.
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
    return Promise.resolve([
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
    ]);
  },
};
