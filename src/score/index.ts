/**
 * kubesec-compatible risk scoring: the 26 rules of kubesec v2.14.2 and the 30 of kubesec master,
 * kubesec's report layout, and the pieces `kubeward score`, `kubeward scan` and the webhook share.
 */
export { stripFormPrefix, subjectsOf } from './documents.ts';
export type { ScoreSubject } from './documents.ts';
export { renderKubesecJson } from './json.ts';
export { checkMinimumScore } from './minimum.ts';
export type { MinimumScoreVerdict } from './minimum.ts';
export { kubesecReport, objectName, UNSUPPORTED_MESSAGE } from './report.ts';
export type {
  KubesecReport,
  KubesecRuleEntry,
  KubesecScoring,
  ReportOptions,
  ScoredReport,
} from './report.ts';
export { SCORE_PROFILES, WORKLOAD_KINDS } from './rule.ts';
export type { ScoreInput, ScoreProfile, ScoreRule } from './rule.ts';
export { ruleIds, rulesOf } from './ruleset.ts';
export { scoreRunReport, severityOfPoints } from './sarif-report.ts';
export { SCORE_OUTPUTS, scoreRun } from './run.ts';
export type { ScoreOutput, ScoreRunOptions, ScoreRunResult } from './run.ts';
export { kubesecFileName, scoreExitCode, scoreSubjects } from './scan-inputs.ts';
export type { ScoredSubject } from './scan-inputs.ts';
export { compareRules, scoreObject, unknownRuleIds } from './score.ts';
export type { ObjectScore, RuleOutcome, ScoreOptions } from './score.ts';
export { validateObject } from './validate.ts';

import { ruleIds } from './ruleset.ts';

/** Every kubesec rule id of the default profile (kubesec master), sorted as `kubesec print-rules` lists them. */
export const SCORE_RULE_IDS: readonly string[] = ruleIds('kubesec-head');
