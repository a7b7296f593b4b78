import type { FieldPath, Mapping } from '../model/path.ts';
import { scoreInputOf } from './pod-template.ts';
import type { ScoreProfile, ScoreRule } from './rule.ts';
import { rulesForKind, rulesOf } from './ruleset.ts';

/** One applicable rule and what it found: the fields that made it match (empty when it did not). */
export interface RuleOutcome {
  readonly rule: ScoreRule;
  readonly matched: boolean;
  /** Paths relative to the scored object. */
  readonly paths: readonly FieldPath[];
}

/**
 * The score of one object, bucketed as kubesec does: `critical` holds matched negative rules,
 * `passed` matched non-negative ones, `advise` unmatched non-negative ones (unmatched negative rules
 * are listed nowhere). Each bucket is sorted the kubesec way.
 */
export interface ObjectScore extends RuleMatches {
  readonly critical: readonly RuleOutcome[];
  readonly passed: readonly RuleOutcome[];
  readonly advise: readonly RuleOutcome[];
}

/** Options of `scoreObject`. */
export interface ScoreOptions {
  /** Rule set; default `kubesec-head`. */
  readonly profile?: ScoreProfile;
  /** Only these rule ids (kubesec `--rules`); ids are assumed valid (see `unknownRuleIds`). */
  readonly rules?: readonly string[];
  /**
   * Whether outcomes carry the paths of the fields each rule matched (the default). False for a
   * caller that reads only which rules matched: their `paths` are then not to be read as places.
   */
  readonly located?: boolean;
}

/** The applicable rules' outcomes and the score, without kubesec's report buckets. */
export interface RuleMatches {
  /** False when no rule of the profile applies to the kind (kubesec: "not supported"). */
  readonly supported: boolean;
  readonly score: number;
  /** Every applicable rule in ruleset order (`--explain` lists them). */
  readonly outcomes: readonly RuleOutcome[];
}

/**
 * Scores one object as kubesec does, without schema validation: a rule runs only when its kinds hold
 * the exact `kind` (apiVersion is ignored); the score is the plain sum of matched rules' points, so a
 * critical match can be outweighed by positive rules. Pure; never throws on malformed input.
 */
export function scoreObject(object: Mapping, options: ScoreOptions = {}): ObjectScore {
  const matches = matchRules(object, options);
  const { outcomes } = matches;
  return {
    ...matches,
    critical: criticalOutcomes(outcomes),
    passed: passedOutcomes(outcomes),
    advise: sortOutcomes(outcomes.filter(({ rule, matched }) => !matched && rule.points >= 0)),
  };
}

/** `scoreObject` without the buckets: what a score threshold and the critical rules need. */
export function matchRules(object: Mapping, options: ScoreOptions = {}): RuleMatches {
  const profile = options.profile ?? 'kubesec-head';
  const kind = typeof object.kind === 'string' ? object.kind : '';
  const wanted = options.rules === undefined ? undefined : new Set(options.rules);
  const applicable = rulesForKind(profile, kind);
  const rules = wanted === undefined ? applicable : applicable.filter((rule) => wanted.has(rule.id));
  const input = scoreInputOf(kind, object, profile, options.located ?? true);
  let score = 0;
  const outcomes = rules.map((rule): RuleOutcome => {
    const paths = rule.match(input);
    if (paths.length > 0) score += rule.points;
    return { rule, matched: paths.length > 0, paths };
  });
  return { supported: rules.length > 0, score, outcomes };
}

/** The matched negative rules, kubesec's `critical` bucket, in kubesec's order. */
export function criticalOutcomes(outcomes: readonly RuleOutcome[]): RuleOutcome[] {
  return sortOutcomes(outcomes.filter(({ rule, matched }) => matched && rule.points < 0));
}

/**
 * kubesec's order: when points differ and either is positive, higher first; when both are zero or
 * negative, more negative first; ties by selector, byte order.
 */
export function compareRules(a: ScoreRule, b: ScoreRule): number {
  if (a.points !== b.points) return a.points > 0 || b.points > 0 ? b.points - a.points : a.points - b.points;
  return a.selector < b.selector ? -1 : a.selector > b.selector ? 1 : 0;
}

/** The matched non-negative rules, kubesec's `passed` bucket, in kubesec's order. */
export function passedOutcomes(outcomes: readonly RuleOutcome[]): RuleOutcome[] {
  return sortOutcomes(outcomes.filter(({ rule, matched }) => matched && rule.points >= 0));
}

function sortOutcomes(outcomes: readonly RuleOutcome[]): RuleOutcome[] {
  return [...outcomes].sort((a, b) => compareRules(a.rule, b.rule));
}

/** The ids in `ids` that no rule of the profile has (kubesec rejects them). */
export function unknownRuleIds(ids: readonly string[], profile: ScoreProfile = 'kubesec-head'): string[] {
  const known = new Set(rulesOf(profile).map((rule) => rule.id));
  return ids.filter((id) => !known.has(id));
}
