import { execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** Makes a named pipe at `path` with the system's mkfifo. */
export function makeFifo(path: string): void {
  execFileSync('mkfifo', [path]);
}

/**
 * Opens the FIFO at `path` for writing after `ms`, from a child process, and closes it again: a
 * reader blocked on it (as one that does not refuse FIFOs would be) gets end of file instead of
 * hanging forever. Returns the function that stops the child (call it in `after`).
 */
export function releaseFifoAfter(path: string, ms: number): () => void {
  const child = spawn('sh', ['-c', `sleep ${String(ms / 1000)}; exec 3>"$1"`, 'sh', path], {
    stdio: 'ignore',
  });
  child.unref();
  return () => {
    child.kill();
  };
}

/** Listens on a Unix socket at `path`, so that a socket file exists there; resolves to its closer. */
export async function makeSocket(path: string): Promise<() => Promise<void>> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(path, resolve));
  server.unref();
  return () =>
    new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
    });
}
