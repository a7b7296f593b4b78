import type { InventoryCheck } from '../model/check.ts';
import { filePermissionsCheck } from '../controlplane/file-permissions.ts';
import { bindNodeFileChecks } from '../controlplane/node-file-check.ts';
import { NODE_FILE_CHECKS } from '../controlplane/node-file-checks.ts';
import { NODE_FILE_EXTENSIONS, readNodeFiles } from '../controlplane/node-files.ts';
import { readFileModes } from '../load/file-modes.ts';
import { load } from '../load/load.ts';
import type { Loaded } from '../load/load.ts';
import type { ReadOptions } from '../load/read.ts';

/** What `scan` and `audit node` read: manifests and config files, plus a node's PEM files and kubeconfigs. */
export interface Inputs {
  readonly loaded: Loaded;
  /**
   * The certificate and key checks, bound to the PEM files found (empty when there are none), and
   * with `filePermissions` the file-permission check bound to the modes read.
   */
  readonly nodeFileChecks: readonly InventoryCheck[];
}

/**
 * Loads every input: YAML and JSON through the loader, and, found by the same walk, the node files the
 * loader does not read (`*.conf` kubeconfigs, `*.crt`/`*.pem`/`*.key`), so scanning a node's
 * `/etc/kubernetes` covers its certificates too. `now` dates the certificate expiry checks;
 * `filePermissions` (audit node) adds the CIS file-mode checks.
 */
export async function loadInputs(
  paths: readonly string[],
  options: ReadOptions & { readonly filePermissions?: boolean },
  now: Date,
): Promise<Inputs> {
  const { others, ...loaded } = await load(paths, { ...options, others: NODE_FILE_EXTENSIONS });
  const nodeFiles = readNodeFiles(others);
  const hasPem = nodeFiles.certificates.length > 0 || nodeFiles.privateKeys.length > 0;
  const resources = [...loaded.resources, ...nodeFiles.kubeconfigs];
  const permissions =
    options.filePermissions === true
      ? [filePermissionsCheck(readFileModes([...resources.map((r) => r.origin.file), ...others]), nodeFiles)]
      : [];
  return {
    loaded: {
      resources,
      diagnostics: [...loaded.diagnostics, ...nodeFiles.diagnostics],
      files: loaded.files + nodeFiles.kubeconfigs.length,
    },
    nodeFileChecks: [...(hasPem ? bindNodeFileChecks(NODE_FILE_CHECKS, nodeFiles, now) : []), ...permissions],
  };
}
