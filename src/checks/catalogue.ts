import { filePermissionsCheck } from '../controlplane/file-permissions.ts';
import { bindNodeFileChecks } from '../controlplane/node-file-check.ts';
import { NODE_FILE_CHECKS } from '../controlplane/node-file-checks.ts';
import type { NodeFiles } from '../controlplane/node-files.ts';
import type { Check } from '../model/check.ts';
import { CHECKS } from './registry.ts';

const NO_NODE_FILES: NodeFiles = { kubeconfigs: [], certificates: [], privateKeys: [], diagnostics: [] };

/**
 * Every check kubeward can report: the registry's, then those bound to a node's files when a scan
 * or `audit node` reads them (certificates and keys, file permissions). What `checks list` and the
 * docs show, and the ids a config file may name whatever the input.
 */
export const CATALOGUE: readonly Check[] = [
  ...CHECKS,
  ...bindNodeFileChecks(NODE_FILE_CHECKS, NO_NODE_FILES, new Date(0)),
  filePermissionsCheck(new Map(), NO_NODE_FILES),
];
