/**
 * Cost limits from `kubernetes/apiserver:pkg/apis/cel/config.go`: one expression may cost at most
 * 1,000,000 units, one evaluation of a (policy, binding, param) at most 10,000,000, and match
 * conditions 2,500,000. A unit here is one comprehension iteration or one element or character a
 * library function produces; the wall-clock deadline bounds whatever the units miss.
 */
export const PER_EXPRESSION_COST_LIMIT = 1_000_000;

/** Budget of one (policy, binding, param) evaluation. */
const PER_EVALUATION_COST_LIMIT = 10_000_000;

/** Budget of the matchConditions of one evaluation. */
export const MATCH_CONDITIONS_COST_LIMIT = 2_500_000;

/** Wall-clock bound of one (policy, binding, param) evaluation, in milliseconds. */
const EVALUATION_TIME_LIMIT_MS = 500;

/**
 * The running cost of one evaluation, shared by the expressions it runs. Mutable on purpose: the
 * meter is charged from inside CEL functions while a synchronous evaluation runs.
 */
export interface Budget {
  /** Units left for this evaluation. */
  remaining: number;
  /** `performance.now()` after which evaluation stops. */
  readonly deadline: number;
  /** The time limit the deadline was set from, for messages. */
  readonly timeLimitMs: number;
  /** Set once the budget is exhausted; every later charge fails at once. */
  exhausted: string | undefined;
}

/** A fresh budget of `units` that also stops after `timeMs` milliseconds. */
export function newBudget(units = PER_EVALUATION_COST_LIMIT, timeMs = EVALUATION_TIME_LIMIT_MS): Budget {
  return {
    remaining: units,
    deadline: performance.now() + timeMs,
    timeLimitMs: timeMs,
    exhausted: undefined,
  };
}
