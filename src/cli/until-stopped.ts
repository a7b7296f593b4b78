import type { Logger } from '../webhook/log.ts';

/**
 * Resolves once a server has closed after SIGTERM or SIGINT (or `abort`, reported as SIGPIPE): logs
 * the signal, stops listening for the others, and waits for `close`.
 */
export function untilStopped(close: () => Promise<void>, log: Logger, abort?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      log('info', 'shutting down', { signal });
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      void close().then(resolve);
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
    abort?.addEventListener('abort', () => {
      stop('SIGPIPE');
    });
  });
}
