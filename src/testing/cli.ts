import { execFile, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './scan-examples.ts';

/** What a CLI run printed and returned. */
export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the real CLI (from source, through tsx) in `cwd` with the given arguments and stdin; with
 * `timeout` (ms), a run that takes longer is killed (status null) instead of holding the test forever.
 * `env` adds to (or replaces) the environment variables of the test process.
 */
export function runCli(
  args: readonly string[],
  options: { cwd?: string; input?: string; timeout?: number; env?: NodeJS.ProcessEnv } = {},
): CliRun {
  const result = spawnSync(
    process.execPath,
    ['--import', import.meta.resolve('tsx'), join(ROOT, 'src', 'cli', 'main.ts'), ...args],
    {
      cwd: options.cwd ?? ROOT,
      input: options.input ?? '',
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', ...options.env },
      maxBuffer: 64 * 1024 * 1024,
      ...(options.timeout === undefined ? {} : { timeout: options.timeout }),
    },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Runs the real CLI like {@link runCli}, without blocking: for tests that serve what the CLI reads
 * from the same process (the test API server).
 */
export function runCliAsync(
  args: readonly string[],
  options: { cwd?: string; env?: Readonly<Record<string, string>> } = {},
): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', import.meta.resolve('tsx'), join(ROOT, 'src', 'cli', 'main.ts'), ...args],
      {
        cwd: options.cwd ?? ROOT,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', ...options.env },
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
      },
    );
  });
}
