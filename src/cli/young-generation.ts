import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT } from './exit.ts';

/**
 * A scan keeps every parsed object alive: with V8's default 16 MiB semi-space the scavenger copies
 * them over and over. The size can only be set when Node.js starts (v8.setFlagsFromString comes too
 * late: the heap is configured), and a shebang with flags does not start under BusyBox `env`. So
 * a command whose inputs are large runs again in a Node.js started with this flag; small inputs,
 * the common case, pay nothing.
 */
export const YOUNG_GENERATION_FLAG = '--max-semi-space-size=64';

/** Input size from which relaunching pays for the second start. */
export const LARGE_INPUT_BYTES = 4 * 1024 * 1024;

/**
 * The total size of the files under `paths` (stdin counts 0), counting no further than `limit`. As
 * the loader's walk, it never follows a symbolic link into a directory, so a link loop cannot make
 * it endless.
 */
export function inputBytes(paths: readonly string[], limit: number): number {
  let total = 0;
  const visit = (path: string, named: boolean): void => {
    if (total >= limit) return;
    let stats;
    try {
      stats = statSync(path);
    } catch {
      return;
    }
    if (stats.isFile()) total += stats.size;
    else if (stats.isDirectory() && named)
      for (const entry of readdirSync(path, { withFileTypes: true }))
        visit(join(path, entry.name), entry.isDirectory());
  };
  for (const path of paths) if (path !== '-') visit(path, true);
  return total;
}

/** Whether this process was started with a semi-space size of its own. */
function hasYoungGenerationFlag(execArgv: readonly string[], nodeOptions: string): boolean {
  return [...execArgv, ...nodeOptions.split(/\s+/)].some((arg) => arg.startsWith('--max-semi-space-size'));
}

/**
 * Runs this very command again with {@link YOUNG_GENERATION_FLAG} when its inputs reach
 * {@link LARGE_INPUT_BYTES} and the flag is not set yet; returns the exit code of that run (a run
 * ended by a signal, such as V8's abort when the heap is exhausted, is an internal error, never
 * "findings"), or undefined when this process should run the command itself.
 */
export function relaunchForLargeInputs(paths: readonly string[]): number | undefined {
  if (hasYoungGenerationFlag(process.execArgv, process.env.NODE_OPTIONS ?? '')) return undefined;
  if (inputBytes(paths, LARGE_INPUT_BYTES) < LARGE_INPUT_BYTES) return undefined;
  if (process.env.KUBEWARD_DEBUG === '1')
    process.stderr.write(`debug: large inputs: running again with ${YOUNG_GENERATION_FLAG}\n`);
  const result = spawnSync(
    process.execPath,
    [YOUNG_GENERATION_FLAG, ...process.execArgv, ...process.argv.slice(1)],
    { stdio: 'inherit' },
  );
  if (result.status !== null) return result.status;
  const cause = result.signal === null ? (result.error?.message ?? 'unknown') : `signal ${result.signal}`;
  process.stderr.write(`internal error: the scan stopped (${cause})\n`);
  return EXIT.runtime;
}
