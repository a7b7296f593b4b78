import { spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');

/** The built CLI, as `npm run build` writes it. */
export const CLI = join(ROOT, 'dist', 'cli', 'main.js');

const PROBE = join(import.meta.dirname, 'rss-probe.mjs');

/** One measured run of a Node.js process and of the Node.js processes it started. */
export interface ChildRun {
  readonly status: number | null;
  readonly signal: string | null;
  readonly wallMs: number;
  /** The sum of the peak resident set sizes of the run's Node.js processes, in KiB. */
  readonly peakRssKiB: number;
  /** The CPU time (user and system) of the run's Node.js processes that exited, in ms. */
  readonly cpuMs: number;
  /** The command lines of the processes that started and never exited (a signal, a V8 abort). */
  readonly died: readonly string[];
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `node ARGV` from the repository root and waits for it. Each Node.js process of the run (the
 * processes it starts, if any) records its peak RSS through bench/rss-probe.mjs; their
 * sum is the run's peak, an upper bound of what the processes held at once. Standard output is
 * captured, or sent to /dev/null when `discardStdout` (a report of millions of lines).
 */
export function runNode(argv: readonly string[], discardStdout = false): ChildRun {
  const probeDir = mkdtempSync(join(tmpdir(), 'kubeward-probe-'));
  const devNull = discardStdout ? openSync('/dev/null', 'w') : undefined;
  try {
    const started = performance.now();
    const result = spawnSync(process.execPath, argv, {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...benchEnv(), NODE_OPTIONS: `--import=${PROBE}`, KUBEWARD_BENCH_PROBE_DIR: probeDir },
      stdio: ['ignore', devNull ?? 'pipe', 'pipe'],
      maxBuffer: 256 * 2 ** 20,
    });
    const wallMs = performance.now() - started;
    if (result.error) throw result.error;
    let peakRssKiB = 0;
    let cpuMs = 0;
    const died: string[] = [];
    for (const name of readdirSync(probeDir).filter((entry) => entry.endsWith('.start'))) {
      const exited = join(probeDir, name.replace(/\.start$/, '.json'));
      if (existsSync(exited)) {
        const record = JSON.parse(readFileSync(exited, 'utf8')) as { maxRSS: number; cpuMs?: number };
        peakRssKiB += record.maxRSS;
        cpuMs += record.cpuMs ?? 0;
      } else {
        const { argv: started } = JSON.parse(readFileSync(join(probeDir, name), 'utf8')) as {
          argv: string[];
        };
        died.push(started.join(' '));
      }
    }
    return {
      status: result.status,
      signal: result.signal,
      wallMs,
      peakRssKiB,
      cpuMs,
      died,
      stdout: discardStdout ? '' : result.stdout,
      stderr: result.stderr,
    };
  } finally {
    if (devNull !== undefined) closeSync(devNull);
    rmSync(probeDir, { recursive: true, force: true });
  }
}

/**
 * Why a run did not complete as a command should (exit 0 or 1, every process exited), with the end
 * of its standard error; undefined when it did.
 */
export function failureOf(
  name: string,
  run: ChildRun,
  exitCodes: readonly number[] = [0, 1],
): string | undefined {
  let why: string | undefined;
  if (run.signal !== null) why = `was killed by ${run.signal}`;
  else if (run.died.length > 0)
    why = `had a process that died without exiting (a signal or a V8 abort, such as out of memory): node ${run.died.join('; node ')}`;
  else if (run.status === null || !exitCodes.includes(run.status))
    why = `exited ${String(run.status)} (expected ${exitCodes.join(' or ')})`;
  if (why === undefined) return undefined;
  const tail = run.stderr.trimEnd().split('\n').slice(-15).join('\n    ');
  return `${name} ${why}; end of its stderr:\n    ${tail || '(empty)'}`;
}

/** A run that must complete as a command should; otherwise the bench stops with why. */
export function completed(name: string, run: ChildRun, exitCodes?: readonly number[]): ChildRun {
  const failure = failureOf(name, run, exitCodes);
  if (failure !== undefined) throw new Error(failure);
  return run;
}

/** The environment of the measured runs: no Node options inherited from the bench itself. */
export function benchEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  return env;
}

/** Rebuilds the CLI bundle when it is missing or older than its sources. */
export function ensureBuilt(): void {
  const built = existsSync(CLI) ? statSync(CLI).mtimeMs : 0;
  const sources = [
    join(ROOT, 'package.json'),
    join(ROOT, 'scripts', 'build.mjs'),
    ...files(join(ROOT, 'src')),
  ];
  if (sources.every((file) => statSync(file).mtimeMs <= built)) return;
  process.stdout.write('  (dist/cli is missing or older than src/: node scripts/build.mjs --cli)\n');
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--cli'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('the CLI bundle did not build: run npm run build');
}

function files(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(directory, entry.name)) : [join(directory, entry.name)],
  );
}
