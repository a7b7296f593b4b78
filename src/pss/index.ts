/**
 * Pod Security Standards exactly as Kubernetes' pod-security-admission enforces them: the 19 checks
 * with their revisions by policy version, restricted overriding its baseline counterparts, PSA's
 * wording, the aggregate messages, and namespace-label resolution.
 */
export type { PssCheckDefinition, PssCheckId, PssCheckResult } from './check.ts';
export { formatResult } from './check.ts';
export type { AdmissionVerdict } from './admission.ts';
export { admit } from './admission.ts';
export type { AggregateResult, LevelVersion, PssCheckOutcome } from './evaluate.ts';
export {
  aggregate,
  evaluateCheck,
  evaluatePod,
  forbiddenDetail,
  forbiddenReason,
  formatLevelVersion,
  violatesMessage,
  wouldViolateMessage,
} from './evaluate.ts';
export type { PssLevel } from './level.ts';
export { compareLevels, isPssLevel, PSS_LEVELS } from './level.ts';
export type { LabelError, NamespacePolicy, PsaMode } from './namespace-policy.ts';
export {
  DEFAULT_NAMESPACE_POLICY,
  levelLabel,
  policyToEvaluate,
  PSA_MODES,
  versionLabel,
} from './namespace-policy.ts';
export type { PodView } from './pod.ts';
export { activeChecks, PSS_CHECK_DEFINITIONS } from './registry.ts';
export { isExemptNamespace, targetPolicy, targetPolicyErrors } from './target.ts';
export type { PolicyVersion } from './version.ts';
export { effectiveMinor, formatPolicyVersion, MAX_POLICY_MINOR, parsePolicyVersion } from './version.ts';
