/**
 * kubesec-compatible risk scoring, as the library API offers it: the 26 rules of kubesec v2.14.2 and
 * the 30 of kubesec master, kubesec's report for one object, and kubesec-webhook's minimum score.
 */
export { checkMinimumScore } from './minimum.ts';
export type { MinimumScoreVerdict } from './minimum.ts';
export { kubesecReport } from './report.ts';
export type { KubesecReport } from './report.ts';
export type { ScoreProfile } from './rule.ts';
export { ruleIds } from './ruleset.ts';
export { scoreObject } from './score.ts';
export type { ObjectScore } from './score.ts';
export { validateObject } from './validate.ts';

import { ruleIds } from './ruleset.ts';

/** Every kubesec rule id of the default profile (kubesec master), sorted as `kubesec print-rules` lists them. */
export const SCORE_RULE_IDS: readonly string[] = ruleIds('kubesec-head');
