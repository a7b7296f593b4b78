import type { CheckPod, PssCheckId, PssCheckResult } from './check.ts';
import { formatResult } from './check.ts';
import type { PssLevel } from './level.ts';
import type { PodView } from './pod.ts';
import { activeChecks } from './registry.ts';
import type { PolicyVersion } from './version.ts';
import { effectiveMinor, formatPolicyVersion } from './version.ts';

/** A level and version, as a namespace label pair or the `--pss-level`/`--pss-version` flags give them. */
export interface LevelVersion {
  readonly level: PssLevel;
  readonly version: PolicyVersion;
}

/** `restricted:latest`, `baseline:v1.30`: the form PSA quotes in its messages (the version as given, unclamped). */
export function formatLevelVersion(policy: LevelVersion): string {
  return `${policy.level}:${formatPolicyVersion(policy.version)}`;
}

/** One check's outcome on a pod. */
export interface PssCheckOutcome {
  readonly id: PssCheckId;
  readonly level: PssLevel;
  readonly result: PssCheckResult;
}

/**
 * Evaluates a pod (or pod template) as PSA's `EvaluatePod` does: every check in force at the level
 * and version, in message order. Versions newer than the newest known evaluate as the newest.
 */
export function evaluatePod(policy: LevelVersion, pod: PodView): PssCheckOutcome[] {
  return activeChecks(policy.level, effectiveMinor(policy.version)).map(({ definition, check }) => ({
    id: definition.id,
    level: definition.level,
    result: check(pod),
  }));
}

/**
 * One check's outcome, or undefined when the check does not run at that level and version (a
 * restricted check at baseline, a baseline check its restricted counterpart overrides, a check newer
 * than the version).
 */
export function evaluateCheck(
  id: PssCheckId,
  policy: LevelVersion,
  pod: PodView,
): PssCheckResult | undefined {
  return checkInForce(id, policy)?.(pod);
}

/** The revision of a check in force at the level and version, or undefined when it does not run there. */
export function checkInForce(id: PssCheckId, policy: LevelVersion): CheckPod | undefined {
  return activeChecks(policy.level, effectiveMinor(policy.version)).find(
    ({ definition }) => definition.id === id,
  )?.check;
}

/** The forbidden outcomes of an evaluation, as PSA's `AggregateCheckResult`. */
export interface AggregateResult {
  readonly allowed: boolean;
  readonly reasons: readonly string[];
  readonly details: readonly string[];
}

/** Collects the forbidden results in order. */
export function aggregate(outcomes: readonly PssCheckOutcome[]): AggregateResult {
  const reasons: string[] = [];
  const details: string[] = [];
  for (const { result } of outcomes) {
    if (result.allowed) continue;
    reasons.push(result.reason === '' ? 'unknown forbidden reason' : result.reason);
    details.push(result.detail);
  }
  return { allowed: reasons.length === 0, reasons, details };
}

/** `reason1 (detail1), reason2, ...`: PSA's `ForbiddenDetail()`, the text after the colon in its messages. */
export function forbiddenDetail(result: AggregateResult): string {
  return result.reasons
    .map((reason, i) => formatResult({ reason, detail: result.details[i] ?? '' }))
    .join(', ');
}

/** `reason1, reason2`: PSA's `ForbiddenReason()`, used when checking existing pods of a namespace. */
export function forbiddenReason(result: AggregateResult): string {
  return result.reasons.join(', ');
}

/** The enforce error: `violates PodSecurity "restricted:latest": …`. */
export function violatesMessage(policy: LevelVersion, result: AggregateResult): string {
  return `violates PodSecurity "${formatLevelVersion(policy)}": ${forbiddenDetail(result)}`;
}

/** The audit annotation and warning: `would violate PodSecurity "restricted:latest": …`. */
export function wouldViolateMessage(policy: LevelVersion, result: AggregateResult): string {
  return `would violate PodSecurity "${formatLevelVersion(policy)}": ${forbiddenDetail(result)}`;
}
