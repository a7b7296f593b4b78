import type { Check } from '../../model/check.ts';
import { kubesecScore } from './kubesec-score.ts';

/** Checks built on the kubesec-compatible scorer (`config` theme). */
export const SCORE_CHECKS: readonly Check[] = [kubesecScore];
