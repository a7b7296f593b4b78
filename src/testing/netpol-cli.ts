import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

/** What a command run printed, and how it exited. */
export interface CommandRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `kubeward netpol ARGS` for real in a child process (through tsx) in `cwd`, its errors mapped
 * to exit codes by the CLI's own `reportError`.
 */
export function runNetpol(args: readonly string[], cwd: string): CommandRun {
  const script = `
    import { netpolCommand } from ${JSON.stringify(join(ROOT, 'src', 'cli', 'commands', 'netpol.ts'))};
    import { reportError } from ${JSON.stringify(join(ROOT, 'src', 'cli', 'exit.ts'))};
    try { await netpolCommand().exitOverride().parseAsync(process.argv.slice(1), { from: 'user' }); }
    catch (error) { process.exitCode = reportError(error, process.stderr); }`;
  const result = spawnSync(
    process.execPath,
    ['--import', import.meta.resolve('tsx'), '--input-type=module', '-e', script, ...args],
    { cwd, encoding: 'utf8' },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
