import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from './case.ts';
import { benchEnv, CLI as BIN, ensureBuilt } from './child.ts';
import type { BenchCase, Measurement } from './case.ts';

const ROOT = join(import.meta.dirname, '..');
const RUNS = Number(process.env.KUBEWARD_BENCH_STARTUP_RUNS ?? 15);

/** The startup goals: the most wall time each command may take, as a multiple of `node -e 0`. */
const COMMANDS = [
  { name: 'kubeward --version', args: ['--version'], bound: 2 },
  { name: 'kubeward scan (one Deployment)', args: ['scan', 'DEPLOYMENT', '--fail-on', 'none'], bound: 3 },
  { name: 'kubeward checks list', args: ['checks', 'list'], bound: 3 },
] as const;

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:1.27
`;

/**
 * Startup of the built CLI (`node dist/cli/main.js`) against the floor, `node -e 0`: the median
 * wall time of KUBEWARD_BENCH_STARTUP_RUNS runs (default 15) of each, interleaved so that the
 * machine's noise falls on all alike, and each command's ratio to the floor. The CLI bundle is
 * rebuilt first when dist/cli is missing or older than a file under src/.
 */
export const bench: BenchCase = {
  name: 'startup',
  run() {
    ensureBuilt();
    const directory = mkdtempSync(join(tmpdir(), 'kubeward-startup-'));
    const manifest = join(directory, 'deployment.yaml');
    writeFileSync(manifest, DEPLOYMENT);
    try {
      const runs = [
        { name: 'node -e 0', argv: ['-e', '0'] },
        ...COMMANDS.map((command) => ({
          name: command.name,
          argv: [BIN, ...command.args.map((arg) => (arg === 'DEPLOYMENT' ? manifest : arg))],
        })),
      ];
      const times = runs.map(() => [] as number[]);
      for (let round = 0; round < RUNS; round++)
        runs.forEach((run, index) => times[index]?.push(timed(run.name, run.argv)));
      const floor = median(times[0] ?? []);
      const measurements: Measurement[] = [{ label: 'node -e 0 (floor), median', value: floor, unit: 'ms' }];
      COMMANDS.forEach((command, index) => {
        const wall = median(times[index + 1] ?? []);
        measurements.push(
          { label: `${command.name}, median`, value: wall, unit: 'ms' },
          {
            label: `${command.name} / floor (at most ${String(command.bound)}×)`,
            value: wall / floor,
            unit: '×',
          },
        );
      });
      return Promise.resolve(measurements);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  },
};

/** Wall time of one run, in ms; a failing run stops the bench with its output. */
function timed(name: string, argv: readonly string[]): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, argv, { cwd: ROOT, encoding: 'utf8', env: benchEnv() });
  const elapsed = performance.now() - started;
  if (result.status !== 0)
    throw new Error(`${name} exited ${String(result.status)}: ${result.stderr || result.stdout}`);
  return elapsed;
}
