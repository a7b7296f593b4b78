import { X509Certificate, createPrivateKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { Diagnostic } from '../../model/diagnostic.ts';
import type { KeyDescription, NodeCertificate, NodePrivateKey } from '../../model/node-files.ts';
import type { Resource } from '../../model/resource.ts';
import { loadSources } from '../load.ts';

/** What {@link readNodeFiles} read: kubeconfigs as config resources, and the PEM files' contents. */
export interface NodeFileContents {
  /** Kubeconfigs read from `*.conf` (admin.conf, kubelet.conf, ...), as loaded resources (role `config`). */
  readonly kubeconfigs: readonly Resource[];
  readonly certificates: readonly NodeCertificate[];
  readonly privateKeys: readonly NodePrivateKey[];
  /** Unreadable or unparseable files; reading goes on after each. */
  readonly diagnostics: readonly Diagnostic[];
}

const CERTIFICATE_EXTENSIONS = new Set(['.crt', '.pem', '.cert']);
const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]+?-----END \1-----/g;

/** Extensions of the node files {@link readNodeFiles} reads (lower case, with the dot). */
export const NODE_FILE_EXTENSIONS: ReadonlySet<string> = new Set([
  '.conf',
  '.key',
  ...CERTIFICATE_EXTENSIONS,
]);

/**
 * Reads what the YAML loader does not, from files the loader's walk found (see ReadOptions.others):
 * `*.conf` kubeconfigs, `*.crt`/`*.pem`/`*.cert` certificates and `*.key` private keys (PEM). A `.conf`
 * file that is not a kubeconfig is skipped. Never throws for a bad file: it becomes a diagnostic.
 */
export function readNodeFiles(files: readonly string[]): NodeFileContents {
  const diagnostics: Diagnostic[] = [];
  const kubeconfigs: Resource[] = [];
  const certificates: NodeCertificate[] = [];
  const privateKeys: NodePrivateKey[] = [];
  for (const file of [...files].sort()) {
    const extension = extname(file).toLowerCase();
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      diagnostics.push(problem(file, `cannot read: ${messageOf(error)}`, 'error'));
      continue;
    }
    if (extension === '.conf') {
      if (!/^\s*(apiVersion|kind|clusters)\s*:/m.test(text)) continue;
      const loaded = loadSources([{ file, text, format: 'yaml', named: true }]);
      kubeconfigs.push(...loaded.resources.filter((resource) => resource.kind === 'Config'));
      diagnostics.push(...loaded.diagnostics);
    } else {
      for (const [index, block] of pemBlocks(text).entries()) {
        if (block.label === 'CERTIFICATE') {
          const certificate = parseCertificate(file, index, block.text);
          if (typeof certificate === 'string') diagnostics.push(problem(file, certificate, 'warning'));
          else certificates.push(certificate);
        } else if (block.label.endsWith('PRIVATE KEY')) {
          const key = describePrivateKey(block.text);
          if (typeof key === 'string') diagnostics.push(problem(file, key, 'warning'));
          else privateKeys.push({ file, key });
        }
      }
    }
  }
  return { kubeconfigs, certificates, privateKeys, diagnostics };
}

function pemBlocks(text: string): { label: string; text: string }[] {
  return [...text.matchAll(PEM_BLOCK)].map((match) => ({ label: match[1] ?? '', text: match[0] }));
}

function parseCertificate(file: string, index: number, pem: string): NodeCertificate | string {
  try {
    const certificate = new X509Certificate(pem);
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
    return `certificate ${index} does not parse: ${messageOf(error)}`;
  }
}

function describePrivateKey(pem: string): KeyDescription | string {
  if (pem.includes('ENCRYPTED')) return 'private key is encrypted; its type and size are not checked';
  try {
    return describeKey(createPrivateKey({ key: pem, format: 'pem' }));
  } catch {
    return 'private key does not parse';
  }
}

function describeKey(key: KeyObject): KeyDescription {
  const details = key.asymmetricKeyDetails ?? {};
  return { type: key.asymmetricKeyType ?? 'unknown', bits: details.modulusLength, curve: details.namedCurve };
}

function problem(file: string, message: string, level: Diagnostic['level']): Diagnostic {
  return { level, file, line: 0, column: 0, message };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
