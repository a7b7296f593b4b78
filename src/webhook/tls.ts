import { readFileSync, unwatchFile, watchFile } from 'node:fs';
import type { Stats } from 'node:fs';
import { createSecureContext } from 'node:tls';
import type { SecureContextOptions } from 'node:tls';
import { ConfigError } from '../model/errors.ts';

/** Paths of the serving certificate chain and its private key (PEM), as mounted from a Secret. */
export interface CertificateFiles {
  readonly cert: string;
  readonly key: string;
}

/**
 * Reads the certificate and key and proves they form a usable context (matching key, parseable PEM).
 * Throws ConfigError naming the file on any problem.
 */
export function readCertificate(files: CertificateFiles): SecureContextOptions {
  const read = (path: string): Buffer => {
    try {
      return readFileSync(path);
    } catch (error) {
      throw new ConfigError(`${path}: cannot read: ${(error as Error).message}`, { cause: error });
    }
  };
  const options = { cert: read(files.cert), key: read(files.key) };
  try {
    createSecureContext(options);
  } catch (error) {
    throw new ConfigError(
      `${files.cert}, ${files.key}: not a usable certificate and key: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  return options;
}

/**
 * Polls both files (by path, so a Kubernetes Secret's symlink swap is seen) and calls `reload` with
 * the new pair once it reads as a valid certificate and key; a half-written or mismatched pair calls
 * `failed` and keeps the old one in service. Returns a function that stops watching.
 */
export function watchCertificate(
  files: CertificateFiles,
  intervalMs: number,
  reload: (options: SecureContextOptions) => void,
  failed: (error: Error) => void,
): () => void {
  const changed = (current: Stats, previous: Stats): void => {
    if (
      current.mtimeMs === previous.mtimeMs &&
      current.ino === previous.ino &&
      current.size === previous.size
    )
      return;
    try {
      reload(readCertificate(files));
    } catch (error) {
      failed(error as Error);
    }
  };
  watchFile(files.cert, { interval: intervalMs, persistent: false }, changed);
  watchFile(files.key, { interval: intervalMs, persistent: false }, changed);
  return () => {
    unwatchFile(files.cert, changed);
    unwatchFile(files.key, changed);
  };
}
