import { X509Certificate, createPrivateKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { Diagnostic } from '../../model/diagnostic.ts';
import type { KeyDescription, NodeCertificate, NodePrivateKey } from '../../model/node-files.ts';
import { scanPem } from './pem.ts';

/** What one certificate or key file holds, and what in it could not be used. */
export interface PkiContents {
  readonly certificates: readonly NodeCertificate[];
  readonly privateKeys: readonly NodePrivateKey[];
  readonly diagnostics: readonly Diagnostic[];
}

/** Problems reported per file; past them, the rest of the file is summed up in one more diagnostic. */
const MAX_PROBLEMS = 5;
/** Not a problem with the file: an encrypted key's type and size cannot be read. */
const ENCRYPTED = 'private key is encrypted; its type and size are not checked';

/**
 * Parses a certificate or key file: PEM blocks (certificates, private keys; other labels are left
 * alone), or, with no BEGIN line, one DER certificate or private key. A block or file that does not
 * parse, and a PEM structure that is broken, is an error diagnostic with the file (and the line of
 * its BEGIN); an encrypted key is a warning, as its type and size cannot be checked. Key material is
 * never kept.
 */
export function readPki(file: string, bytes: Buffer, certificateFile: boolean): PkiContents {
  const certificates: NodeCertificate[] = [];
  const privateKeys: NodePrivateKey[] = [];
  const diagnostics: Diagnostic[] = [];
  if (bytes.toString('latin1').trim() === '') {
    diagnostics.push(problem(file, 0, 'empty file, no certificate or key', 'warning'));
  } else if (!bytes.includes('-----BEGIN ')) {
    const der = parseDer(file, bytes, certificateFile);
    if (typeof der === 'string') diagnostics.push(problem(file, 0, der, 'error'));
    else if ('fingerprint256' in der) certificates.push(der);
    else privateKeys.push({ file, key: der });
  } else {
    const scan = scanPem(bytes.toString('utf8'));
    for (const { line, message } of scan.problems) diagnostics.push(problem(file, line, message, 'error'));
    for (const [index, block] of scan.blocks.entries()) {
      if (diagnostics.length > MAX_PROBLEMS) break;
      if (block.label === 'CERTIFICATE') {
        const certificate = parseCertificate(file, index, block.text);
        if (typeof certificate === 'string')
          diagnostics.push(problem(file, block.line, certificate, 'error'));
        else certificates.push(certificate);
      } else if (block.label.endsWith('PRIVATE KEY')) {
        const key = describePrivateKey(block.text);
        if (typeof key === 'string')
          diagnostics.push(problem(file, block.line, key, key === ENCRYPTED ? 'warning' : 'error'));
        else privateKeys.push({ file, key });
      }
    }
  }
  return { certificates, privateKeys, diagnostics: capped(file, diagnostics) };
}

function capped(file: string, diagnostics: readonly Diagnostic[]): Diagnostic[] {
  if (diagnostics.length <= MAX_PROBLEMS) return [...diagnostics];
  const more = diagnostics.length - MAX_PROBLEMS;
  return [
    ...diagnostics.slice(0, MAX_PROBLEMS),
    problem(
      file,
      0,
      `more problems (${String(more)} or more) not shown; the rest of the file is not used`,
      'error',
    ),
  ];
}

function parseDer(
  file: string,
  bytes: Buffer,
  certificateFile: boolean,
): NodeCertificate | KeyDescription | string {
  const certificate = parseCertificate(file, 0, bytes);
  if (typeof certificate !== 'string') return certificate;
  for (const type of ['pkcs8', 'pkcs1', 'sec1'] as const) {
    try {
      return describeKey(createPrivateKey({ key: bytes, format: 'der', type }));
    } catch {
      continue;
    }
  }
  return certificateFile
    ? 'not a certificate: no PEM BEGIN line, and not a DER certificate'
    : 'not a private key: no PEM BEGIN line, and not a DER private key';
}

function parseCertificate(file: string, index: number, encoded: string | Buffer): NodeCertificate | string {
  try {
    const certificate = new X509Certificate(encoded);
    return {
      file,
      index,
      subject: certificate.subject.replaceAll('\n', ', '),
      issuer: certificate.issuer.replaceAll('\n', ', '),
      notBefore: new Date(certificate.validFrom),
      notAfter: new Date(certificate.validTo),
      isCA: certificate.ca,
      subjectAltNames: (certificate.subjectAltName ?? '')
        .split(', ')
        .map((name) => name.trim())
        .filter((name) => name !== ''),
      key: describeKey(certificate.publicKey),
      fingerprint256: certificate.fingerprint256,
    };
  } catch (error) {
    return `certificate ${String(index)} does not parse: ${messageOf(error)}`;
  }
}

function describePrivateKey(pem: string): KeyDescription | string {
  if (pem.includes('ENCRYPTED')) return ENCRYPTED;
  try {
    return describeKey(createPrivateKey({ key: pem, format: 'pem' }));
  } catch (error) {
    return `private key does not parse: ${messageOf(error)}`;
  }
}

function describeKey(key: KeyObject): KeyDescription {
  const details = key.asymmetricKeyDetails ?? {};
  return { type: key.asymmetricKeyType ?? 'unknown', bits: details.modulusLength, curve: details.namedCurve };
}

function problem(file: string, line: number, message: string, level: Diagnostic['level']): Diagnostic {
  return { level, file, line, column: line > 0 ? 1 : 0, message };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
