/**
 * A reader that stops early (`kubeward scan … | head -1`) closes the pipe, and every later write
 * fails with EPIPE. The command then runs to its end without printing and exits with its own code,
 * without a stack trace; any other stream error stays fatal.
 */
export function ignoreClosedPipes(...streams: readonly NodeJS.WritableStream[]): void {
  for (const stream of streams)
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
}
