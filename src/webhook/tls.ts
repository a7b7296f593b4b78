import { readFileSync, unwatchFile, watchFile } from 'node:fs';
import type { Stats } from 'node:fs';
import { createSecureContext } from 'node:tls';
import type { SecureContextOptions } from 'node:tls';
import { ConfigError } from '../model/errors.ts';

/**
 * TLS 1.2 or later, and under TLS 1.2 only ECDHE key exchange with AEAD ciphers (AES-GCM,
 * ChaCha20-Poly1305): no CBC, SHA-1, CCM8 or ARIA suites, which OpenSSL's default `HIGH` would add.
 * These are the suites kubeward's own `tls-version-and-ciphers` check accepts.
 */
export const SERVING_TLS = {
  minVersion: 'TLSv1.2',
  ciphers: [
    'TLS_AES_128_GCM_SHA256',
    'TLS_AES_256_GCM_SHA384',
    'TLS_CHACHA20_POLY1305_SHA256',
    'ECDHE-ECDSA-AES128-GCM-SHA256',
    'ECDHE-RSA-AES128-GCM-SHA256',
    'ECDHE-ECDSA-AES256-GCM-SHA384',
    'ECDHE-RSA-AES256-GCM-SHA384',
    'ECDHE-ECDSA-CHACHA20-POLY1305',
    'ECDHE-RSA-CHACHA20-POLY1305',
  ].join(':'),
  honorCipherOrder: true,
} as const satisfies SecureContextOptions;

/**
 * Server options that require a client certificate signed by the CA in `caFile` (the API server's,
 * configured through its `--admission-control-config-file`). Throws ConfigError naming the file.
 */
export function clientAuthentication(caFile: string): {
  readonly ca: Buffer;
  readonly requestCert: true;
  readonly rejectUnauthorized: true;
} {
  let ca: Buffer;
  try {
    ca = readFileSync(caFile);
  } catch (error) {
    throw new ConfigError(`${caFile}: cannot read: ${(error as Error).message}`, { cause: error });
  }
  if (!ca.includes('-----BEGIN CERTIFICATE-----')) throw new ConfigError(`${caFile}: not a PEM certificate`);
  return { ca, requestCert: true, rejectUnauthorized: true };
}

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
