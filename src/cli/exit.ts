import { CommanderError } from 'commander';
import { KubewardError } from '../model/errors.ts';
import { escapeControls } from '../model/terminal-text.ts';
import type { ErrorCode } from '../model/errors.ts';

/** Exit codes, documented in the README: findings at or above `--fail-on` give 1. */
export const EXIT = { clean: 0, findings: 1, usage: 2, runtime: 3 } as const;

const BY_CODE: Readonly<Record<ErrorCode, number>> = {
  usage: EXIT.usage,
  config: EXIT.usage,
  input: EXIT.usage,
  runtime: EXIT.runtime,
};

/**
 * The one place that maps failures to exit codes and messages. Known errors print one line; an
 * unexpected error prints "internal error" and its message (the stack only with KUBEWARD_DEBUG=1).
 * A message may quote a file name or a value from input: its control characters are escaped.
 */
export function reportError(error: unknown, stderr: NodeJS.WritableStream): number {
  if (error instanceof CommanderError) {
    // commander already printed its message; help and version are not errors.
    return error.exitCode === 0 ? EXIT.clean : EXIT.usage;
  }
  if (error instanceof KubewardError) {
    stderr.write(`error: ${escapeControls(error.message)}\n`);
    return BY_CODE[error.code];
  }
  const message = error instanceof Error ? error.message : String(error);
  stderr.write(`internal error: ${escapeControls(message)}\n`);
  if (process.env.KUBEWARD_DEBUG === '1' && error instanceof Error && error.stack)
    stderr.write(`${error.stack}\n`);
  return EXIT.runtime;
}
