import type { Mapping } from '../model/path.ts';
import { scoreInputOf } from './pod-template.ts';
import type { ScoreProfile, ScoreRule } from './rule.ts';
import { rulesForKind } from './ruleset.ts';
import { compareRules } from './score.ts';

/**
 * Which of a kind's rules matched an object, and its score: what `matchRules` finds, without an
 * outcome per rule nor the paths of what matched (a scan finding names rules, not fields).
 */
export interface MatchedRules {
  /** The rules of the profile that apply to the kind, in ruleset order. */
  readonly rules: readonly ScoreRule[];
  /** Whether `rules[i]` matched. */
  readonly matched: readonly boolean[];
  readonly score: number;
}

/** Scores `object` as `matchRules` does, flagging the rules that matched (see {@link MatchedRules}). */
export function matchedRules(object: Mapping, profile: ScoreProfile = 'kubesec-head'): MatchedRules {
  const kind = typeof object.kind === 'string' ? object.kind : '';
  const rules = rulesForKind(profile, kind);
  const input = scoreInputOf(kind, object, profile, false);
  const matched: boolean[] = new Array<boolean>(rules.length);
  let score = 0;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i] as ScoreRule;
    matched[i] = rule.match(input).length > 0;
    if (matched[i]) score += rule.points;
  }
  return { rules, matched, score };
}

const reportOrders = new Map<readonly ScoreRule[], readonly number[]>();

/**
 * The positions in `rules` (a `rulesForKind` list) in kubesec's report order: the order the
 * `critical` and `passed` buckets list their rules in. Worked out once per list.
 */
export function reportOrder(rules: readonly ScoreRule[]): readonly number[] {
  let order = reportOrders.get(rules);
  if (!order) {
    order = rules.map((_, i) => i).sort((a, b) => compareRules(rules[a] as ScoreRule, rules[b] as ScoreRule));
    reportOrders.set(rules, order);
  }
  return order;
}
