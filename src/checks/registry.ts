import type { Check } from './check.ts';
import { CORE_CHECKS } from './core/index.ts';
import { PSS_CHECKS } from './pss/index.ts';

/** Every built-in check, in the order findings are reported. Ids are unique (tested). */
export const CHECKS: readonly Check[] = [...PSS_CHECKS, ...CORE_CHECKS];
