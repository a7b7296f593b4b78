import type { PssCheckDefinition } from '../check.ts';
import { procMountUnconditional } from './proc-mount.ts';

/**
 * Restricted `procMount_restricted` (policy/check_procMount_restricted.go, 1.35): keeps procMount at
 * `Default` even for user-namespace pods, overriding the relaxed baseline `procMount`.
 */
export const procMountRestricted: PssCheckDefinition = {
  id: 'procMount_restricted',
  level: 'restricted',
  revisions: [{ minimumMinor: 35, check: procMountUnconditional, overrides: ['procMount'] }],
};
