import { createPrivateKey, generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import { open, rename } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { InputError } from '../model/errors.ts';
import { issueCertificate, keyIdentifier } from './x509.ts';

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

/** RFC 1123 host names, optionally with one leading wildcard label; 253 characters at most. */
const DNS_NAME = /^(\*\.)?[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*$/i;

/**
 * Why a subject alternative name is refused, or undefined when it is a DNS name or an IP address.
 * Anything else (control characters, spaces, commas, `:` outside IPv6) could forge certificate fields
 * in tools that build certificates from text.
 */
function subjectAltNameProblem(value: string): string | undefined {
  if (isIP(value) !== 0) return undefined;
  if (value.length <= 253 && DNS_NAME.test(value)) return undefined;
  return `${JSON.stringify(value)} is neither a DNS name nor an IP address`;
}

/**
 * Issues a fresh P-256 CA and a serving certificate signed by it, in memory (node:crypto): the CA key
 * never leaves the process and is dropped, so rotation means issuing both again and updating the
 * caBundle. Throws InputError naming a subject alternative name that is not a DNS name or IP address.
 */
export function issueCertificates(request: CertificateRequest, now: Date = new Date()): IssuedCertificates {
  for (const name of request.extraNames) {
    const problem = subjectAltNameProblem(name);
    if (problem !== undefined) throw new InputError(`--san: ${problem}`);
  }
  const notBefore = new Date(now.getTime() - 5 * 60_000);
  const notAfter = new Date(now.getTime() + request.days * 86_400_000);
  const ca = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const caName = `${request.service}.${request.namespace} webhook CA`;
  const caIssuer = {
    commonName: caName,
    privateKey: ca.privateKey,
    keyIdentifier: keyIdentifier(ca.publicKey),
  };
  const caCert = issueCertificate(
    { commonName: caName, publicKey: ca.publicKey, notBefore, notAfter, ca: true },
    caIssuer,
  );
  const serving = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const cert = issueCertificate(
    {
      commonName: `${request.service}.${request.namespace}.svc`,
      publicKey: serving.publicKey,
      notBefore,
      notAfter,
      ca: false,
      subjectAltNames: [...serviceDnsNames(request.service, request.namespace), ...request.extraNames],
      extendedKeyUsage: ['serverAuth'],
    },
    caIssuer,
  );
  return { caCert, cert, key: serving.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
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

/**
 * Writes the issued files into `dir`: ca.crt and tls.crt readable, tls.key owner-only (0600). Each
 * file is written to a new file opened exclusively, then renamed over the target: an existing file
 * gets the new mode, and a symlink planted at the target is replaced, never written through.
 */
export async function writeCertificates(dir: string, issued: IssuedCertificates): Promise<readonly string[]> {
  const files = [
    { name: 'ca.crt', text: issued.caCert, mode: 0o644 },
    { name: 'tls.crt', text: issued.cert, mode: 0o644 },
    { name: 'tls.key', text: issued.key, mode: 0o600 },
  ];
  for (const { name, text, mode } of files) {
    const target = join(dir, name);
    const temporary = join(dir, `.${name}.${randomBytes(6).toString('hex')}`);
    const handle = await open(temporary, 'wx', mode);
    try {
      await handle.chmod(mode);
      await handle.writeFile(text);
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
  }
  return files.map(({ name }) => join(dir, name));
}
