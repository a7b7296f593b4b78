import { load } from '../load/load.ts';
import { readFileModes } from '../load/node/file-modes.ts';
import { NODE_FILE_EXTENSIONS, readNodeFiles } from '../load/node/node-files.ts';
import type { ReadOptions } from '../load/read.ts';
import type { ScanInput } from './scan.ts';

/** Options for {@link loadInputs}. */
export interface InputOptions extends ReadOptions {
  /**
   * Read the permission bits of the files read (`audit node`), for the CIS file-mode checks. A
   * repository's file modes say nothing about the node the files end up on, so `scan` does not.
   */
  readonly filePermissions?: boolean;
}

/**
 * Loads every input: YAML and JSON through the loader, and, found by the same walk, the node files the
 * loader does not read (`*.conf` kubeconfigs, `*.crt`/`*.pem`/`*.key`), so scanning a node's
 * `/etc/kubernetes` covers its certificates too.
 */
export async function loadInputs(paths: readonly string[], options: InputOptions): Promise<ScanInput> {
  const { others, ...loaded } = await load(paths, { ...options, others: NODE_FILE_EXTENSIONS });
  const contents = readNodeFiles(others, options);
  const resources = [...loaded.resources, ...contents.kubeconfigs];
  const modes =
    options.filePermissions === true
      ? readFileModes([...resources.map((resource) => resource.origin.file), ...others])
      : new Map<string, number>();
  return {
    resources,
    diagnostics: [...loaded.diagnostics, ...contents.diagnostics],
    files: loaded.files + contents.kubeconfigs.length,
    nodeFiles: { certificates: contents.certificates, privateKeys: contents.privateKeys, modes },
  };
}

/**
 * Every file an input was read from: objects and config files, node files, and files met with a
 * problem (so `--output-file` can refuse to overwrite any of them).
 */
export function filesOf(input: ScanInput): string[] {
  return [
    ...new Set([
      ...input.resources.map((resource) => resource.origin.file),
      ...input.diagnostics.map((diagnostic) => diagnostic.file),
      ...(input.nodeFiles?.certificates ?? []).map((certificate) => certificate.file),
      ...(input.nodeFiles?.privateKeys ?? []).map((key) => key.file),
      ...(input.nodeFiles?.modes.keys() ?? []),
    ]),
  ];
}
