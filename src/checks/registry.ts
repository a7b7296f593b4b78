import type { Check } from './check.ts';
import { CORE_CHECKS } from './core/index.ts';

/** Every built-in check, in the order findings are reported. Ids are unique (tested). */
export const CHECKS: readonly Check[] = [...CORE_CHECKS];
