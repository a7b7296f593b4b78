import { extname } from 'node:path';
import type { Diagnostic } from '../../model/diagnostic.ts';
import type { NodeCertificate, NodePrivateKey } from '../../model/node-files.ts';
import type { Resource } from '../../model/resource.ts';
import { DEFAULT_MAX_FILE_SIZE } from '../file-size.ts';
import { loadSources } from '../load.ts';
import { FileRefusedError, readRegularFileSync } from '../regular-file.ts';
import { readPki } from './pki.ts';

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

/** Extensions of the node files {@link readNodeFiles} reads (lower case, with the dot). */
export const NODE_FILE_EXTENSIONS: ReadonlySet<string> = new Set([
  '.conf',
  '.key',
  ...CERTIFICATE_EXTENSIONS,
]);

/** Options for {@link readNodeFiles}. */
export interface NodeFileOptions {
  /** Most bytes one file may hold (`--max-file-size`; default {@link DEFAULT_MAX_FILE_SIZE}). */
  readonly maxFileSize?: number;
}

/**
 * Reads what the YAML loader does not, from files the loader's walk found (see ReadOptions.others):
 * `*.conf` kubeconfigs, `*.crt`/`*.pem`/`*.cert` certificates and `*.key` private keys (PEM or DER).
 * A `.conf` file that is not a kubeconfig is skipped. Only regular files up to the size cap are
 * read. Never throws for a bad file: an unreadable, refused, malformed or unparseable one becomes a
 * diagnostic (see {@link readPki}).
 */
export function readNodeFiles(files: readonly string[], options: NodeFileOptions = {}): NodeFileContents {
  const maxBytes = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const diagnostics: Diagnostic[] = [];
  const kubeconfigs: Resource[] = [];
  const certificates: NodeCertificate[] = [];
  const privateKeys: NodePrivateKey[] = [];
  for (const file of [...files].sort()) {
    const extension = extname(file).toLowerCase();
    let bytes: Buffer;
    try {
      bytes = readRegularFileSync(file, maxBytes);
    } catch (error) {
      const message = error instanceof FileRefusedError ? error.message : `cannot read: ${messageOf(error)}`;
      diagnostics.push({ level: 'error', file, line: 0, column: 0, message });
      continue;
    }
    if (extension === '.conf') {
      const text = bytes.toString('utf8');
      if (!/^\s*(apiVersion|kind|clusters)\s*:/m.test(text)) continue;
      const loaded = loadSources([{ file, text, format: 'yaml', named: true }]);
      for (const resource of loaded.resources) if (resource.kind === 'Config') kubeconfigs.push(resource);
      for (const diagnostic of loaded.diagnostics) diagnostics.push(diagnostic);
    } else {
      const contents = readPki(file, bytes, CERTIFICATE_EXTENSIONS.has(extension));
      for (const certificate of contents.certificates) certificates.push(certificate);
      for (const privateKey of contents.privateKeys) privateKeys.push(privateKey);
      for (const diagnostic of contents.diagnostics) diagnostics.push(diagnostic);
    }
  }
  return { kubeconfigs, certificates, privateKeys, diagnostics };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
