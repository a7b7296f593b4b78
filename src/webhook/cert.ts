import { execFile } from 'node:child_process';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { InputError } from '../model/errors.ts';

const run = promisify(execFile);

/** What the serving certificate is for. */
export interface CertificateRequest {
  /** Service name and namespace: the API server dials `<service>.<namespace>.svc`. */
  readonly service: string;
  readonly namespace: string;
  /** Validity of both certificates, in days. */
  readonly days: number;
  /** More SANs (DNS names or IP addresses), e.g. `localhost` for a local test. */
  readonly extraNames: readonly string[];
}

/** A CA certificate (the caBundle) and the serving certificate and key it signed, all PEM. */
export interface IssuedCertificates {
  readonly caCert: string;
  readonly cert: string;
  readonly key: string;
}

/** The DNS names the API server may use for an in-cluster Service (the SAN must hold `<svc>.<ns>.svc`). */
export function serviceDnsNames(service: string, namespace: string): readonly string[] {
  return [
    service,
    `${service}.${namespace}`,
    `${service}.${namespace}.svc`,
    `${service}.${namespace}.svc.cluster.local`,
  ];
}

/**
 * Issues a fresh P-256 CA and a serving certificate signed by it, with `openssl` (OpenSSL 1.1.1 or
 * later). The CA key lives only in a private temporary directory and is deleted: rotation means
 * issuing both again and updating the caBundle. Throws InputError when openssl is missing or fails.
 */
export async function issueCertificates(request: CertificateRequest): Promise<IssuedCertificates> {
  const names = [...serviceDnsNames(request.service, request.namespace), ...request.extraNames];
  const san = names.map((name) => (isIP(name) === 0 ? `DNS:${name}` : `IP:${name}`)).join(',');
  const days = String(request.days);
  const dir = await mkdtemp(join(tmpdir(), 'kubeward-cert-'));
  const at = (file: string): string => join(dir, file);
  const openssl = async (args: readonly string[]): Promise<void> => {
    try {
      await run('openssl', args, { timeout: 30_000 });
    } catch (error) {
      throw new InputError(
        `openssl ${args[0] ?? ''} failed: ${(error as Error).message.split('\n')[0] ?? ''}`,
        {
          cause: error,
        },
      );
    }
  };
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  try {
    await writeFile(
      at('serving.ext'),
      [
        'basicConstraints=critical,CA:FALSE',
        'keyUsage=critical,digitalSignature,keyEncipherment',
        'extendedKeyUsage=serverAuth',
        `subjectAltName=${san}`,
        '',
      ].join('\n'),
    );
    await openssl([
      'req',
      '-x509',
      ...ec,
      '-keyout',
      at('ca.key'),
      '-out',
      at('ca.crt'),
      '-days',
      days,
      '-subj',
      `/CN=${request.service}.${request.namespace} webhook CA`,
      '-addext',
      'basicConstraints=critical,CA:TRUE,pathlen:0',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ]);
    await openssl([
      'req',
      '-new',
      ...ec,
      '-keyout',
      at('tls.key'),
      '-out',
      at('tls.csr'),
      '-subj',
      `/CN=${request.service}.${request.namespace}.svc`,
    ]);
    await openssl([
      'x509',
      '-req',
      '-in',
      at('tls.csr'),
      '-CA',
      at('ca.crt'),
      '-CAkey',
      at('ca.key'),
      '-set_serial',
      `0x${Date.now().toString(16)}`,
      '-days',
      days,
      '-sha256',
      '-extfile',
      at('serving.ext'),
      '-out',
      at('tls.crt'),
    ]);
    const [caCert, cert, key] = await Promise.all(
      ['ca.crt', 'tls.crt', 'tls.key'].map((f) => readFile(at(f), 'utf8')),
    );
    return { caCert: caCert ?? '', cert: cert ?? '', key: key ?? '' };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Proves a serving certificate is fit for the webhook: signed by `caCert`, currently valid, and
 * naming `<service>.<namespace>.svc`. Returns the problems found (empty when fit).
 */
export function certificateProblems(
  issued: IssuedCertificates,
  service: string,
  namespace: string,
): string[] {
  const ca = new X509Certificate(issued.caCert);
  const leaf = new X509Certificate(issued.cert);
  const problems: string[] = [];
  if (!leaf.checkIssued(ca) || !leaf.verify(ca.publicKey))
    problems.push('serving certificate is not signed by the CA');
  const now = Date.now();
  if (Date.parse(leaf.validFrom) > now || Date.parse(leaf.validTo) < now)
    problems.push('serving certificate is not valid now');
  const host = `${service}.${namespace}.svc`;
  if (leaf.checkHost(host) === undefined) problems.push(`serving certificate does not name ${host}`);
  if (!leaf.checkPrivateKey(createPrivateKey(issued.key)))
    problems.push('key does not match the serving certificate');
  return problems;
}

/** Writes the issued files into `dir`: ca.crt and tls.crt readable, tls.key owner-only (0600). */
export async function writeCertificates(dir: string, issued: IssuedCertificates): Promise<readonly string[]> {
  const files = [
    { name: 'ca.crt', text: issued.caCert, mode: 0o644 },
    { name: 'tls.crt', text: issued.cert, mode: 0o644 },
    { name: 'tls.key', text: issued.key, mode: 0o600 },
  ];
  for (const { name, text, mode } of files) await writeFile(join(dir, name), text, { mode });
  return files.map(({ name }) => join(dir, name));
}
