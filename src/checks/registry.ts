import type { Check } from './check.ts';

/** Every built-in check, in the order findings are reported. Ids are unique (tested). */
export const CHECKS: readonly Check[] = [];
