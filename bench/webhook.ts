import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as connectTcp } from 'node:net';
import type { Socket } from 'node:net';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { issueCertificates, writeCertificates } from '../src/webhook/cert.ts';
import type { IssuedCertificates } from '../src/webhook/cert.ts';
import type { BenchCase, Measurement } from './case.ts';

const ROOT = join(import.meta.dirname, '..');
const REVIEW = readFileSync(join(ROOT, 'testdata', 'webhook', 'review-deployment.json'), 'utf8');
const SECONDS = Number(process.env.KUBEWARD_BENCH_SECONDS ?? 5);
const RATES = [200, 1000] as const;
const SATURATION_CONNECTIONS = 16;
const SATURATION_ROUNDS = 3;
const HOSTILE_REQUESTS = 10_000;
const HOSTILE_CONCURRENCY = 16;
const BODY_LIMIT = 256 * 1024;
const IDLE_FLOOD = 5000;
/** How long the idle flood is watched: past the server's 10 s handshake timeout. */
const IDLE_FLOOD_WATCH_MS = 20_000;
const FLOOD_REVIEWS = 200;
const FLOOD_BODY_BYTES = 2 * 2 ** 20;

/** The subset of autocannon's result read here (autocannon ships no types). */
interface CannonResult {
  readonly requests: { readonly average: number };
  readonly latency: { readonly p50: number; readonly p99: number };
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
}
type Cannon = (options: Readonly<Record<string, unknown>>) => Promise<CannonResult>;

/** A server in its own process, so the load generator does not share its event loop. */
interface Child {
  readonly process: ChildProcess;
  readonly port: number;
}

const SERVE_KUBEWARD = (
  dir: string,
  limits = `maxBodyBytes: ${String(BODY_LIMIT)}, budgetMs: 2000`,
): string => `
  import { CHECKS } from ${JSON.stringify(pathToFileURL(join(ROOT, 'src/checks/registry.ts')).href)};
  import { parseConfig } from ${JSON.stringify(pathToFileURL(join(ROOT, 'src/config/parse-config.ts')).href)};
  import { startWebhookServer } from ${JSON.stringify(pathToFileURL(join(ROOT, 'src/webhook/server.ts')).href)};
  import { jsonLogger } from ${JSON.stringify(pathToFileURL(join(ROOT, 'src/webhook/log.ts')).href)};
  const webhook = await startWebhookServer({
    tls: { cert: ${JSON.stringify(join(dir, 'tls.crt'))}, key: ${JSON.stringify(join(dir, 'tls.key'))} },
    policy: { checks: CHECKS, run: parseConfig('bench', '{}', CHECKS).run, denyOn: 'high' },
    log: jsonLogger(() => undefined),
    port: 0, host: '127.0.0.1', ${limits},
  });
  process.stdout.write('port ' + webhook.port + '\\n');
  process.on('SIGTERM', () => { void webhook.close().then(() => process.exit(0)); });
`;

/** Busy work per request of the calibration server: what a review may cost to keep 50 % of the ceiling. */
const CALIBRATION_MICROS = 35;

const SERVE_BARE = (dir: string, busyMicros = 0): string => `
  import { createServer } from 'node:https';
  import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
  const fixed = JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview',
    response: { uid: '705ab4f5-6393-11e8-b7cc-42010a800002', allowed: true } });
  const server = createServer({ cert: readFileSync(${JSON.stringify(join(dir, 'tls.crt'))}),
    key: readFileSync(${JSON.stringify(join(dir, 'tls.key'))}), minVersion: 'TLSv1.2' }, (req, res) => {
    req.resume();
    req.on('end', () => {
      const until = performance.now() + ${String(busyMicros)} / 1000;
      while (performance.now() < until);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(fixed) });
      res.end(fixed);
    });
  });
  server.listen(0, '127.0.0.1', () => process.stdout.write('port ' + server.address().port + '\\n'));
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

/** The Node.js flags the kubeward bin runs with (its shebang), so the server is measured as shipped. */
const BIN_NODE_FLAGS = (readFileSync(join(ROOT, 'src', 'cli', 'main.ts'), 'utf8').split('\n', 1)[0] ?? '')
  .split(/\s+/)
  .filter((word) => word.startsWith('--'));

async function startChild(code: string, flags: readonly string[]): Promise<Child> {
  const child = spawn(
    process.execPath,
    [...flags, '--import', import.meta.resolve('tsx'), '--input-type=module', '-e', code],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const stdout = child.stdout;
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error('server process did not start within 30 s'));
    }, 30_000);
    child.once('exit', (code) => {
      reject(new Error(`server process exited with ${String(code)}`));
    });
    createInterface({ input: stdout }).on('line', (line) => {
      const match = /^port (\d+)$/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
  });
  return { process: child, port };
}

async function stopChild(child: Child): Promise<void> {
  if (child.process.exitCode !== null) return;
  const exited = new Promise((resolve) => child.process.once('exit', resolve));
  child.process.kill('SIGTERM');
  await exited;
}

async function loadCannon(): Promise<Cannon> {
  const name: string = 'autocannon';
  const loaded = (await import(name)) as { default: Cannon };
  return loaded.default;
}

/** One autocannon run of the typical Deployment review; `rate` undefined means as fast as it goes. */
async function cannon(
  run: Cannon,
  port: number,
  ca: string,
  rate: number | undefined,
  seconds = SECONDS,
): Promise<CannonResult> {
  return run({
    url: `https://127.0.0.1:${String(port)}/validate`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: REVIEW,
    duration: seconds,
    connections: rate === undefined ? SATURATION_CONNECTIONS : 10,
    ...(rate === undefined ? {} : { overallRate: rate }),
    servername: 'localhost',
    tlsOptions: { ca },
  });
}

function figures(server: string, phase: string, result: CannonResult): Measurement[] {
  const failed = result.non2xx + result.errors + result.timeouts;
  return [
    { label: `${server} ${phase}: throughput`, value: result.requests.average, unit: 'req/s' },
    { label: `${server} ${phase}: p50 latency`, value: result.latency.p50, unit: 'ms' },
    { label: `${server} ${phase}: p99 latency`, value: result.latency.p99, unit: 'ms' },
    ...(failed > 0 ? [{ label: `${server} ${phase}: failed requests`, value: failed, unit: 'req' }] : []),
  ];
}

/** The requests a hostile or broken client sends; each has a defined 4xx answer. */
function hostileRequest(i: number): {
  path: string;
  method: string;
  type: string;
  body: string;
  length?: number;
} {
  const deep = `${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`;
  const cases = [
    {
      path: '/validate',
      method: 'POST',
      type: 'application/json',
      body: '{"apiVersion":"admission.k8s.io/v1",',
    },
    { path: '/validate', method: 'POST', type: 'application/json', body: deep },
    {
      path: '/validate',
      method: 'POST',
      type: 'application/json',
      body: `{"kind":"AdmissionReview","request":{"uid":${String(i)}}}`,
    },
    {
      path: '/validate',
      method: 'POST',
      type: 'application/json',
      body: `{"__proto__":{"x${String(i)}":1},"constructor":{"prototype":{}}}`,
    },
    { path: '/validate', method: 'POST', type: 'text/plain', body: REVIEW },
    { path: '/validate', method: 'POST', type: 'application/json', body: '', length: BODY_LIMIT * 16 },
    { path: `/${'x'.repeat(i % 2000)}?${String(i)}`, method: 'GET', type: 'application/json', body: '' },
    { path: '/validate', method: 'POST', type: 'application/json', body: `"${'\\u0000'.repeat(5000)}"` },
  ];
  const chosen = cases[i % cases.length];
  if (!chosen) throw new Error('no hostile case');
  return chosen;
}

async function sendRaw(
  agent: Agent,
  port: number,
  ca: string,
  spec: ReturnType<typeof hostileRequest>,
): Promise<number> {
  return new Promise((resolve) => {
    const headers: Record<string, string | number> = { 'content-type': spec.type };
    if (spec.length !== undefined) headers['content-length'] = spec.length;
    const call = request(
      {
        host: '127.0.0.1',
        servername: 'localhost',
        port,
        path: spec.path,
        method: spec.method,
        ca,
        agent,
        headers,
      },
      (response) => {
        response.resume();
        response.on('end', () => {
          resolve(response.statusCode ?? 0);
        });
        if (spec.length !== undefined) call.destroy();
      },
    );
    call.on('error', () => {
      resolve(0);
    });
    if (spec.length === undefined) call.end(spec.body);
    else call.flushHeaders();
  });
}

/** The resident set size of a process, read from /proc: it works while the server refuses connections. */
function residentOf(child: Child): number {
  const status = readFileSync(`/proc/${String(child.process.pid)}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1] ?? NaN) * 1024;
}

/** Samples a process's RSS every 20 ms until `work` settles; resolves to the peak. */
async function peakResidentDuring(child: Child, work: Promise<unknown>): Promise<number> {
  let peak = residentOf(child);
  const sampler = setInterval(() => {
    peak = Math.max(peak, residentOf(child));
  }, 20);
  try {
    await work;
  } finally {
    clearInterval(sampler);
  }
  return Math.max(peak, residentOf(child));
}

const MiB = (bytes: number): number => bytes / 2 ** 20;

/** How many sockets a process has open, from /proc (the server's connections, and its listener). */
function socketsOf(child: Child): number {
  const directory = `/proc/${String(child.process.pid)}/fd`;
  return readdirSync(directory).filter((fd) => {
    try {
      return readlinkSync(`${directory}/${fd}`).startsWith('socket:');
    } catch {
      return false;
    }
  }).length;
}

/**
 * IDLE_FLOOD TCP connections that never start TLS, opened as fast as loopback takes them: the server
 * keeps at most its connection cap open and destroys each at its handshake timeout (10 s). The
 * server's open sockets and RSS are read from /proc before, at the peak and after.
 */
async function idleFlood(child: Child, ca: string): Promise<Measurement[]> {
  const before = residentOf(child);
  const socketsBefore = socketsOf(child);
  const sockets: Socket[] = [];
  for (let i = 0; i < IDLE_FLOOD; i++) {
    const socket = connectTcp({ host: '127.0.0.1', port: child.port });
    socket.on('error', () => undefined);
    sockets.push(socket);
  }
  let peakSockets = 0;
  let peakResident = 0;
  const started = performance.now();
  while (performance.now() - started < IDLE_FLOOD_WATCH_MS) {
    peakSockets = Math.max(peakSockets, socketsOf(child));
    peakResident = Math.max(peakResident, residentOf(child));
    await sleep(100);
  }
  const socketsAfter = socketsOf(child);
  for (const socket of sockets) socket.destroy();
  await sleep(1000);
  const answered = await reviewStatus(child.port, ca, REVIEW);
  return [
    {
      label: `idle flood: ${String(IDLE_FLOOD)} connections, server sockets before`,
      value: socketsBefore,
      unit: '',
    },
    { label: 'idle flood: server sockets at the peak', value: peakSockets, unit: '' },
    {
      label: `idle flood: server sockets ${String(IDLE_FLOOD_WATCH_MS / 1000)} s in`,
      value: socketsAfter,
      unit: '',
    },
    { label: 'idle flood: a review after it answered', value: answered, unit: 'status' },
    { label: 'idle flood: server RSS before', value: MiB(before), unit: 'MiB' },
    { label: 'idle flood: server RSS peak during', value: MiB(peakResident), unit: 'MiB' },
    { label: 'idle flood: server RSS after', value: MiB(residentOf(child)), unit: 'MiB' },
  ];
}

/**
 * FLOOD_REVIEWS reviews of FLOOD_BODY_BYTES each, all at once: the server takes --max-in-flight,
 * answers 429 to the rest. Run twice: the second round shows whether memory keeps growing.
 */
async function concurrencyFlood(child: Child, ca: string, round: number): Promise<Measurement[]> {
  const name = `concurrency flood ${String(round)}`;
  const review = JSON.parse(REVIEW) as { request: { object: { metadata: { annotations?: object } } } };
  review.request.object.metadata.annotations = { padding: 'x'.repeat(FLOOD_BODY_BYTES) };
  const body = JSON.stringify(review);
  const before = residentOf(child);
  const statuses = new Map<number, number>();
  const flood = Promise.all(
    Array.from({ length: FLOOD_REVIEWS }, async () => {
      const status = await reviewStatus(child.port, ca, body);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }),
  );
  const peak = await peakResidentDuring(child, flood);
  await sleep(2000);
  const after = residentOf(child);
  return [
    {
      label: `${name}: ${String(FLOOD_REVIEWS)} x ${String(MiB(FLOOD_BODY_BYTES))} MiB reviews answered 200`,
      value: statuses.get(200) ?? 0,
      unit: 'req',
    },
    { label: `${name}: answered 429`, value: statuses.get(429) ?? 0, unit: 'req' },
    ...[...statuses]
      .filter(([status]) => status !== 200 && status !== 429)
      .map(([status, count]) => ({
        label: `${name}: ${status === 0 ? 'connection errors' : `answered ${String(status)}`}`,
        value: count,
        unit: 'req',
      })),
    { label: `${name}: server RSS before`, value: MiB(before), unit: 'MiB' },
    { label: `${name}: server RSS peak during`, value: MiB(peak), unit: 'MiB' },
    { label: `${name}: server RSS 2 s after`, value: MiB(after), unit: 'MiB' },
    { label: `${name}: after / before`, value: (100 * after) / before, unit: '%' },
  ];
}

/** POSTs one review on a fresh connection; resolves to the status, 0 when the connection failed. */
function reviewStatus(port: number, ca: string, body: string): Promise<number> {
  return new Promise((resolve) => {
    const call = request(
      {
        host: '127.0.0.1',
        servername: 'localhost',
        port,
        path: '/validate',
        method: 'POST',
        ca,
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        response.resume();
        response.on('end', () => {
          resolve(response.statusCode ?? 0);
        });
      },
    );
    call.on('error', () => {
      resolve(0);
    });
    call.end(body);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function residentBytes(port: number, ca: string): Promise<number> {
  const text = await new Promise<string>((resolve, reject) => {
    request(
      { host: '127.0.0.1', servername: 'localhost', port, path: '/metrics', ca, agent: false },
      (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => {
          resolve(body);
        });
      },
    )
      .on('error', reject)
      .end();
  });
  return Number(/^process_resident_memory_bytes (\d+)$/m.exec(text)?.[1] ?? NaN);
}

/** Sends HOSTILE_REQUESTS hostile requests, HOSTILE_CONCURRENCY at a time; counts what went unanswered. */
async function hostileRound(
  port: number,
  ca: string,
): Promise<{ seconds: number; unanswered: number; errors5xx: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: HOSTILE_CONCURRENCY });
  const started = performance.now();
  let next = 0;
  let unanswered = 0;
  let errors5xx = 0;
  const worker = async (): Promise<void> => {
    while (next < HOSTILE_REQUESTS) {
      const status = await sendRaw(agent, port, ca, hostileRequest(next++));
      if (status === 0) unanswered++;
      if (status >= 500) errors5xx++;
    }
  };
  await Promise.all(Array.from({ length: HOSTILE_CONCURRENCY }, worker));
  agent.destroy();
  return { seconds: (performance.now() - started) / 1000, unanswered, errors5xx };
}

/** Two rounds of hostile requests: memory may settle after the first, it must not grow in the second. */
async function hostileRun(port: number, ca: string): Promise<Measurement[]> {
  const before = await residentBytes(port, ca);
  const first = await hostileRound(port, ca);
  const middle = await residentBytes(port, ca);
  const second = await hostileRound(port, ca);
  const after = await residentBytes(port, ca);
  return [
    {
      label: `hostile: 2 x ${String(HOSTILE_REQUESTS)} requests in`,
      value: first.seconds + second.seconds,
      unit: 's',
    },
    {
      label: 'hostile: unanswered (connection errors)',
      value: first.unanswered + second.unanswered,
      unit: 'req',
    },
    { label: 'hostile: answered 5xx', value: first.errors5xx + second.errors5xx, unit: 'req' },
    { label: 'hostile: server RSS before', value: before / 2 ** 20, unit: 'MiB' },
    { label: `hostile: server RSS after ${String(HOSTILE_REQUESTS)}`, value: middle / 2 ** 20, unit: 'MiB' },
    {
      label: `hostile: server RSS after ${String(2 * HOSTILE_REQUESTS)}`,
      value: after / 2 ** 20,
      unit: 'MiB',
    },
  ];
}

/**
 * The webhook under load on loopback: the typical Deployment review at 200 and 1,000 req/s and at
 * saturation, against a bare node:https server answering a fixed AdmissionReview (the ceiling), both
 * in child processes (kubeward with the Node.js flags of its bin), same certificate, same run, phases
 * alternating so machine noise hits both;
 * saturation is the best of three rounds each, with a third server, the bare one busy for
 * CALIBRATION_MICROS per request, showing how much work a review may cost at a given share of the
 * ceiling on this machine. Then 2 × 10,000 malformed or hostile requests with the
 * server's RSS before, between and after. Last, against a server with the shipped limits: an
 * idle-socket flood (IDLE_FLOOD connections that never start TLS) and a concurrency flood
 * (FLOOD_REVIEWS reviews of 2 MiB at once), with RSS before, during and after. Bounded: 13 ×
 * KUBEWARD_BENCH_SECONDS (default 5) plus about 60 s.
 */
export const bench: BenchCase = {
  name: 'webhook',
  async run() {
    const run = await loadCannon();
    const dir = await mkdtemp(join(tmpdir(), 'kubeward-bench-webhook-'));
    const children: Child[] = [];
    try {
      const issued: IssuedCertificates = issueCertificates({
        service: 'kubeward-webhook',
        namespace: 'kubeward',
        days: 1,
        extraNames: ['localhost'],
      });
      await writeCertificates(dir, issued);
      const servers = [
        { name: 'kubeward', child: await startChild(SERVE_KUBEWARD(dir), BIN_NODE_FLAGS) },
        { name: 'bare https', child: await startChild(SERVE_BARE(dir), []) },
      ] as const;
      const calibration = {
        name: `bare https + ${String(CALIBRATION_MICROS)} µs of work`,
        child: await startChild(SERVE_BARE(dir, CALIBRATION_MICROS), []),
      };
      for (const { child } of [...servers, calibration]) children.push(child);
      const measurements: Measurement[] = [];
      const record = (found: readonly Measurement[]): void => {
        for (const measurement of found) measurements.push(measurement);
      };
      for (const { child } of servers) await cannon(run, child.port, issued.caCert, undefined, 1);
      for (const rate of RATES) {
        for (const { name, child } of servers)
          record(figures(name, `${String(rate)} req/s`, await cannon(run, child.port, issued.caCert, rate)));
      }
      const best = new Map<string, CannonResult>();
      for (let round = 0; round < SATURATION_ROUNDS; round++) {
        for (const { name, child } of [...servers, calibration]) {
          const result = await cannon(run, child.port, issued.caCert, undefined);
          const previous = best.get(name);
          if (!previous || result.requests.average > previous.requests.average) best.set(name, result);
        }
      }
      for (const [name, result] of best) record(figures(name, 'saturation (best round)', result));
      const ours = best.get('kubeward')?.requests.average ?? 0;
      const ceiling = best.get('bare https')?.requests.average ?? 1;
      measurements.push({
        label: 'saturation: kubeward / bare https',
        value: (100 * ours) / ceiling,
        unit: '%',
      });
      measurements.push({
        label: `saturation: bare + ${String(CALIBRATION_MICROS)} µs / bare https`,
        value: (100 * (best.get(calibration.name)?.requests.average ?? 0)) / ceiling,
        unit: '%',
      });
      record(await hostileRun(servers[0].child.port, issued.caCert));
      const shipped = await startChild(SERVE_KUBEWARD(dir, 'maxInFlight: 16'), BIN_NODE_FLAGS);
      children.push(shipped);
      record(await idleFlood(shipped, issued.caCert));
      for (const round of [1, 2]) record(await concurrencyFlood(shipped, issued.caCert, round));
      return measurements;
    } finally {
      for (const child of children) await stopChild(child);
      await rm(dir, { recursive: true, force: true });
    }
  },
};
