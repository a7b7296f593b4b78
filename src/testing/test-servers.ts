import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** Stops a child process with SIGTERM and resolves once it has exited (at once if it already has). */
export function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve();
      return;
    }
    child.once('exit', () => {
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** A free TCP port on loopback, from the kernel (bind to 0, read, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

/** A running etcd member started for a test; `stop` kills it and waits for the exit. */
export interface RunningEtcd {
  readonly clientUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts Debian's etcd (`etcd-server`) on loopback with the given extra flags, a fresh data dir and
 * random ports, and resolves once it logs that it serves clients (rejects after 20 s or on exit).
 */
export async function startEtcd(
  dataDir: string,
  scheme: 'http' | 'https',
  extra: readonly string[],
): Promise<RunningEtcd> {
  const clientPort = await freePort();
  const peerPort = await freePort();
  const clientUrl = `${scheme}://127.0.0.1:${clientPort}`;
  const peerUrl = `http://127.0.0.1:${peerPort}`;
  const child: ChildProcess = spawn(
    'etcd',
    [
      '--name=probe-test',
      `--data-dir=${dataDir}`,
      `--listen-client-urls=${clientUrl}`,
      `--advertise-client-urls=${clientUrl}`,
      `--listen-peer-urls=${peerUrl}`,
      `--initial-advertise-peer-urls=${peerUrl}`,
      `--initial-cluster=probe-test=${peerUrl}`,
      ...extra,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const stop = (): Promise<void> => stopChild(child);
  await new Promise<void>((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => {
      void stop().then(() => {
        reject(new Error(`etcd did not start in 20 s:\n${log}`));
      });
    }, 20_000);
    const onData = (chunk: Buffer): void => {
      log += chunk.toString();
      if (/ready to serve client requests/.test(log)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`etcd exited with ${String(code)}:\n${log}`));
    });
  });
  return { clientUrl, stop };
}
