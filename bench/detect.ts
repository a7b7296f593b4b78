import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileRules } from '../src/detect/index.ts';
import type { BenchCase, Measurement } from './case.ts';
import { median } from './case.ts';
import { CLI, completed, ensureBuilt, runNode } from './child.ts';
import { pick, seededRandom } from './random.ts';

const ROOT = join(import.meta.dirname, '..');
const EVENTS = Number(process.env.KUBEWARD_BENCH_DETECT_EVENTS ?? 50_000);
const ROUNDS = 3;
/**
 * The rules matched: Falco's official k8s_audit_rules.yaml when given
 * (`KUBEWARD_DETECT_RULES=../shared/corpus/falco/k8s_audit_rules.yaml npm run bench -- detect`;
 * several files separated by `:`), else the project's own example rules.
 */
const RULES = (process.env.KUBEWARD_DETECT_RULES ?? join(ROOT, 'examples', 'audit', 'rules.yaml')).split(':');
/** The issue's targets: events per CPU second with the whole ruleset, and its cost over JSON.parse alone. */
const TARGET_EVENTS_PER_SECOND = 50_000;
const TARGET_RATIO = 3;

const NAMESPACES = ['default', 'shop', 'payments', 'monitoring', 'kube-system', 'ingress-nginx', 'ci'];
const IMAGES = [
  'registry.example.com/shop/cart:2.4.1',
  'registry.example.com/shop/checkout:1.9.0',
  'registry.example.com/mesh/proxy:1.22.0',
  'docker.io/library/nginx:1.27',
  'docker.io/library/busybox:1.36',
  'quay.io/prometheus/node-exporter:v1.8.1',
  'registry.k8s.io/coredns/coredns:v1.11.1',
];
const HUMANS = ['jane@example.com', 'omar@example.com', 'li@example.com'];

interface Shape {
  readonly weight: number;
  readonly verb: string;
  readonly resource: string;
  readonly group?: string;
  readonly subresource?: string;
  readonly user: 'controller' | 'node' | 'human' | 'serviceaccount' | 'anonymous';
  readonly level: 'Metadata' | 'Request' | 'RequestResponse';
  readonly code?: number;
}

/** The traffic of a busy cluster: lease renewals, watches and lists, node status, pod churn, some humans. */
const SHAPES: readonly Shape[] = [
  {
    weight: 18,
    verb: 'update',
    resource: 'leases',
    group: 'coordination.k8s.io',
    user: 'node',
    level: 'Metadata',
  },
  {
    weight: 10,
    verb: 'get',
    resource: 'leases',
    group: 'coordination.k8s.io',
    user: 'controller',
    level: 'Metadata',
  },
  { weight: 12, verb: 'watch', resource: 'pods', user: 'controller', level: 'Metadata' },
  { weight: 10, verb: 'list', resource: 'configmaps', user: 'serviceaccount', level: 'Metadata' },
  { weight: 8, verb: 'patch', resource: 'nodes', subresource: 'status', user: 'node', level: 'Request' },
  { weight: 8, verb: 'get', resource: 'secrets', user: 'serviceaccount', level: 'Metadata' },
  { weight: 8, verb: 'create', resource: 'pods', user: 'controller', level: 'RequestResponse' },
  { weight: 5, verb: 'update', resource: 'pods', subresource: 'status', user: 'node', level: 'Request' },
  { weight: 5, verb: 'delete', resource: 'pods', user: 'controller', level: 'RequestResponse' },
  { weight: 4, verb: 'create', resource: 'events', user: 'controller', level: 'Metadata' },
  {
    weight: 3,
    verb: 'patch',
    resource: 'deployments',
    group: 'apps',
    user: 'human',
    level: 'RequestResponse',
  },
  { weight: 2, verb: 'get', resource: 'secrets', user: 'human', level: 'Metadata' },
  { weight: 2, verb: 'get', resource: 'secrets', user: 'human', level: 'Metadata', code: 403 },
  {
    weight: 1,
    verb: 'create',
    resource: 'pods',
    subresource: 'exec',
    user: 'human',
    level: 'Metadata',
    code: 101,
  },
  { weight: 1, verb: 'create', resource: 'configmaps', user: 'human', level: 'RequestResponse' },
  { weight: 1, verb: 'create', resource: 'serviceaccounts', user: 'controller', level: 'RequestResponse' },
  {
    weight: 1,
    verb: 'create',
    resource: 'clusterrolebindings',
    group: 'rbac.authorization.k8s.io',
    user: 'human',
    level: 'RequestResponse',
  },
  { weight: 1, verb: 'create', resource: 'services', user: 'human', level: 'RequestResponse' },
  { weight: 1, verb: 'get', resource: 'namespaces', user: 'anonymous', level: 'Metadata' },
];

function userOf(random: () => number, kind: Shape['user'], namespace: string): Record<string, unknown> {
  switch (kind) {
    case 'controller':
      return {
        username: 'system:serviceaccount:kube-system:replicaset-controller',
        groups: ['system:serviceaccounts', 'system:authenticated'],
      };
    case 'node':
      return {
        username: `system:node:worker-${String(Math.floor(random() * 40))}`,
        groups: ['system:nodes', 'system:authenticated'],
      };
    case 'human':
      return { username: pick(random, HUMANS), groups: ['developers', 'system:authenticated'] };
    case 'anonymous':
      return { username: 'system:anonymous', groups: ['system:unauthenticated'] };
    default:
      return {
        username: `system:serviceaccount:${namespace}:app`,
        groups: ['system:serviceaccounts', 'system:authenticated'],
      };
  }
}

function pod(random: () => number, name: string, namespace: string): Record<string, unknown> {
  const roll = random();
  const containers = Array.from({ length: 2 + Math.floor(random() * 3) }, (_, i) => ({
    name: `c${String(i)}`,
    image: pick(random, IMAGES),
    ports: [{ containerPort: 8080 + i, protocol: 'TCP' }],
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
    env: [{ name: 'LOG_LEVEL', value: 'info' }],
    volumeMounts: [{ name: 'data', mountPath: '/data' }],
    ...(roll < 0.02 && i === 0
      ? { securityContext: { privileged: true } }
      : { securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false } }),
  }));
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: {
      name,
      namespace,
      labels: { app: name.split('-')[0] },
      ownerReferences: [{ kind: 'ReplicaSet', name: `${name}-rs`, controller: true }],
    },
    spec: {
      containers,
      volumes: [
        roll > 0.98
          ? { name: 'data', hostPath: { path: '/var/run/docker.sock' } }
          : { name: 'data', emptyDir: {} },
      ],
      serviceAccountName: 'app',
      ...(roll > 0.97 && roll <= 0.98 ? { hostNetwork: true } : {}),
    },
  };
}

function objectFor(random: () => number, shape: Shape, name: string, namespace: string): unknown {
  if (shape.resource === 'pods' && shape.subresource === undefined && shape.verb === 'create')
    return pod(random, name, namespace);
  if (shape.resource === 'clusterrolebindings')
    return {
      kind: 'ClusterRoleBinding',
      apiVersion: 'rbac.authorization.k8s.io/v1',
      metadata: { name },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: random() < 0.3 ? 'cluster-admin' : 'view',
      },
      subjects: [{ kind: 'User', name: pick(random, HUMANS), apiGroup: 'rbac.authorization.k8s.io' }],
    };
  if (shape.resource === 'configmaps')
    return {
      kind: 'ConfigMap',
      apiVersion: 'v1',
      metadata: { name, namespace },
      data: { 'app.properties': random() < 0.2 ? 'aws_secret_access_key=abc' : 'mode=prod' },
    };
  if (shape.resource === 'services')
    return {
      kind: 'Service',
      apiVersion: 'v1',
      metadata: { name, namespace },
      spec: { type: random() < 0.3 ? 'NodePort' : 'ClusterIP', ports: [{ port: 80, targetPort: 8080 }] },
    };
  if (shape.resource === 'deployments') return { spec: { replicas: 1 + Math.floor(random() * 5) } };
  if (shape.resource === 'serviceaccounts')
    return { kind: 'ServiceAccount', apiVersion: 'v1', metadata: { name, namespace } };
  return undefined;
}

/** `count` audit events as the log backend writes them, one JSON line each, from a fixed seed. */
export function generateAuditLines(count: number): string[] {
  const random = seededRandom(19);
  const total = SHAPES.reduce((sum, shape) => sum + shape.weight, 0);
  const lines: string[] = [];
  const start = Date.UTC(2026, 2, 2, 10, 0, 0);
  for (let i = 0; i < count; i++) {
    let roll = random() * total;
    const shape = SHAPES.find((candidate) => (roll -= candidate.weight) < 0) ?? SHAPES[0];
    if (shape === undefined) throw new Error('no shapes');
    const namespace =
      shape.user === 'node' && shape.resource === 'leases' ? 'kube-node-lease' : pick(random, NAMESPACES);
    const name = `${shape.resource.slice(0, 4)}-${String(Math.floor(random() * 5000))}`;
    const cluster =
      shape.resource === 'clusterrolebindings' ||
      shape.resource === 'nodes' ||
      shape.resource === 'namespaces';
    const group = shape.group === undefined ? '/api/v1' : `/apis/${shape.group}/v1`;
    const base = `${group}${cluster ? '' : `/namespaces/${namespace}`}/${shape.resource}`;
    const named =
      shape.verb !== 'list' &&
      shape.verb !== 'watch' &&
      !(shape.verb === 'create' && shape.subresource === undefined);
    const uri = `${base}${named ? `/${name}` : ''}${shape.subresource === undefined ? '' : `/${shape.subresource}`}${shape.verb === 'watch' ? '?watch=true&resourceVersion=81723' : shape.subresource === 'exec' ? '?command=sh&container=c0&stdin=true&tty=true' : ''}`;
    const object = shape.level === 'Metadata' ? undefined : objectFor(random, shape, name, namespace);
    const time = new Date(start + i * 3).toISOString().replace('Z', `${String(i % 1000).padStart(3, '0')}Z`);
    const code = shape.code ?? (shape.verb === 'create' ? 201 : 200);
    lines.push(
      JSON.stringify({
        kind: 'Event',
        apiVersion: 'audit.k8s.io/v1',
        level: shape.level,
        auditID: `bench-${String(i).padStart(8, '0')}-4c3e-9a51-0b8d2e6f7a10`,
        stage: 'ResponseComplete',
        requestURI: uri,
        verb: shape.verb,
        user: { ...userOf(random, shape.user, namespace), uid: 'c2b0f6e4-1d7a-4c3e-9a51-0b8d2e6f7a10' },
        sourceIPs: [`10.0.${String(Math.floor(random() * 255))}.${String(Math.floor(random() * 255))}`],
        userAgent:
          shape.user === 'human'
            ? 'kubectl/v1.30.2 (linux/amd64) kubernetes/3968350'
            : 'kube-controller-manager/v1.30.2 (linux/amd64) kubernetes/3968350',
        objectRef: {
          resource: shape.resource,
          ...(cluster ? {} : { namespace }),
          ...(named ? { name } : {}),
          apiVersion: 'v1',
          ...(shape.group === undefined ? {} : { apiGroup: shape.group }),
          ...(shape.subresource === undefined ? {} : { subresource: shape.subresource }),
        },
        responseStatus: { metadata: {}, code },
        ...(object === undefined ? {} : { requestObject: object }),
        ...(object !== undefined && shape.level === 'RequestResponse' && code < 300
          ? { responseObject: object }
          : {}),
        requestReceivedTimestamp: time,
        stageTimestamp: time,
        annotations: {
          'authorization.k8s.io/decision': code === 403 ? 'forbid' : 'allow',
          'authorization.k8s.io/reason': '',
        },
      }),
    );
  }
  return lines;
}

function cpuSeconds(run: () => void): number {
  const before = process.cpuUsage();
  run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1e6;
}

/**
 * Audit events per CPU second through the whole ruleset (parse and match), next to the JSON.parse
 * floor on the same lines, in one run; then the built CLI on the same events as a file, end to end,
 * with its peak RSS.
 */
export const bench: BenchCase = {
  name: 'detect',
  run() {
    const lines = generateAuditLines(EVENTS);
    const ruleset = compileRules(RULES.map((path) => ({ path, text: readFileSync(path, 'utf8') })));
    let alerts = 0;
    const floor: number[] = [];
    const matched: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      floor.push(
        cpuSeconds(() => {
          for (const line of lines) JSON.parse(line);
        }),
      );
      alerts = 0;
      matched.push(
        cpuSeconds(() => {
          for (const line of lines) alerts += ruleset.match(JSON.parse(line)).length;
        }),
      );
    }
    const floorRate = EVENTS / median(floor);
    const matchRate = EVENTS / median(matched);
    const ratio = floorRate / matchRate;
    ensureBuilt();
    const dir = mkdtempSync(join(tmpdir(), 'kubeward-bench-detect-'));
    let cli: Measurement[];
    try {
      const file = join(dir, 'audit.log');
      writeFileSync(file, `${lines.join('\n')}\n`);
      const rules = RULES.flatMap((path) => ['--rules', path]);
      const run = completed('kubeward detect', runNode([CLI, 'detect', file, ...rules, '-o', 'json'], true));
      const one = join(dir, 'one.log');
      writeFileSync(one, `${lines[0] ?? ''}\n`);
      const start = completed('kubeward detect', runNode([CLI, 'detect', one, ...rules, '-o', 'json'], true));
      cli = [
        {
          label: 'CLI on the file, -o json, per CPU second',
          value: EVENTS / (run.cpuMs / 1000),
          unit: 'events/s',
          peakRssKiB: run.peakRssKiB,
        },
        { label: 'CLI start and rules compiled (one event), CPU time', value: start.cpuMs, unit: 'ms' },
        {
          label: 'CLI per CPU second once started',
          value: EVENTS / ((run.cpuMs - start.cpuMs) / 1000),
          unit: 'events/s',
        },
        { label: 'CLI on the file, wall time (machine shared)', value: run.wallMs, unit: 'ms' },
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const measurements: Measurement[] = [
      {
        label: `ruleset: ${RULES.map((path) => path.split('/').pop() ?? path).join(', ')}`,
        value: ruleset.rules.filter((rule) => rule.enabled).length,
        unit: 'rules',
      },
      {
        label: `events (${String(Math.round(lines.reduce((sum, line) => sum + line.length, 0) / EVENTS))} bytes each on average)`,
        value: EVENTS,
        unit: 'events',
      },
      { label: 'alerts raised (checksum)', value: alerts, unit: 'alerts' },
      { label: 'JSON.parse floor, per CPU second', value: floorRate, unit: 'events/s' },
      { label: 'JSON.parse + match, per CPU second', value: matchRate, unit: 'events/s' },
      { label: 'cost over the floor (target at most 3)', value: ratio, unit: '×' },
      ...cli,
    ];
    if (matchRate < TARGET_EVENTS_PER_SECOND || ratio > TARGET_RATIO)
      process.stdout.write(
        `  (targets: at least ${String(TARGET_EVENTS_PER_SECOND)} events/s and at most ${String(TARGET_RATIO)}× the floor)\n`,
      );
    return Promise.resolve(measurements);
  },
};
