import { certificateExpiry } from './certificate-expiry.ts';
import { certificateKeyStrength } from './certificate-key-strength.ts';
import { certificateRoles } from './certificate-roles.ts';
import type { NodeFileCheck } from './node-file-check.ts';

/** Checks over a node's certificates and keys (`kubeward audit node`), in report order. */
export const NODE_FILE_CHECKS: readonly NodeFileCheck[] = [
  certificateExpiry,
  certificateKeyStrength,
  certificateRoles,
];
