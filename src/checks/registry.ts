import type { Check } from '../model/check.ts';
import { CONTROLPLANE_CHECKS } from './controlplane/index.ts';
import { CORE_CHECKS } from './core/index.ts';
import { EXPOSURE_CHECKS } from './exposure/index.ts';
import { HYGIENE_CHECKS } from './hygiene/index.ts';
import { MESH_CHECKS } from './mesh/index.ts';
import { NETWORK_CHECKS } from './network/index.ts';
import { PSS_CHECKS } from './pss/index.ts';
import { RBAC_CHECKS } from './rbac/index.ts';
import { SCORE_CHECKS } from './score/index.ts';
import { SECRET_CHECKS } from './secrets/index.ts';
import { WORKLOAD_CHECKS } from './workload/index.ts';

/** Every built-in check, in the order findings are reported. Ids are unique (tested). */
export const CHECKS: readonly Check[] = [
  ...PSS_CHECKS,
  ...CORE_CHECKS,
  ...WORKLOAD_CHECKS,
  ...SECRET_CHECKS,
  ...EXPOSURE_CHECKS,
  ...MESH_CHECKS,
  ...HYGIENE_CHECKS,
  ...NETWORK_CHECKS,
  ...RBAC_CHECKS,
  ...CONTROLPLANE_CHECKS,
  ...SCORE_CHECKS,
];
