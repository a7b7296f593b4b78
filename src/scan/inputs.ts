import type { InventoryCheck } from '../checks/check.ts';
import { bindNodeFileChecks } from '../controlplane/node-file-check.ts';
import { NODE_FILE_CHECKS } from '../controlplane/node-file-checks.ts';
import { NODE_FILE_EXTENSIONS, readNodeFiles } from '../controlplane/node-files.ts';
import { load } from '../load/load.ts';
import type { Loaded } from '../load/load.ts';
import type { ReadOptions } from '../load/read.ts';

/** What `scan` and `audit node` read: manifests and config files, plus a node's PEM files and kubeconfigs. */
export interface Inputs {
  readonly loaded: Loaded;
  /** The certificate and key checks, bound to the PEM files found (empty when there are none). */
  readonly nodeFileChecks: readonly InventoryCheck[];
}

/**
 * Loads every input: YAML and JSON through the loader, and, found by the same walk, the node files the
 * loader does not read (`*.conf` kubeconfigs, `*.crt`/`*.pem`/`*.key`), so scanning a node's
 * `/etc/kubernetes` covers its certificates too. `now` dates the certificate expiry checks.
 */
export async function loadInputs(paths: readonly string[], options: ReadOptions, now: Date): Promise<Inputs> {
  const { others, ...loaded } = await load(paths, { ...options, others: NODE_FILE_EXTENSIONS });
  const nodeFiles = readNodeFiles(others);
  const hasPem = nodeFiles.certificates.length > 0 || nodeFiles.privateKeys.length > 0;
  return {
    loaded: {
      resources: [...loaded.resources, ...nodeFiles.kubeconfigs],
      diagnostics: [...loaded.diagnostics, ...nodeFiles.diagnostics],
      files: loaded.files + nodeFiles.kubeconfigs.length,
    },
    nodeFileChecks: hasPem ? bindNodeFileChecks(NODE_FILE_CHECKS, nodeFiles, now) : [],
  };
}
