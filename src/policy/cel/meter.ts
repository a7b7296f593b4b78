import type { Budget } from './budget.ts';

/** The error CEL reports when a policy runs out of budget; it is never absorbed by `||` or `&&`. */
export class CostLimitError extends Error {
  override readonly name = 'CostLimitError';
}

/**
 * Charges one expression's evaluation: its own limit and the shared budget. Mutable while an
 * evaluation runs; `reset` starts an expression.
 */
export interface Meter {
  cost: number;
  limit: number;
  budget: Budget | undefined;
}

/** A meter with nothing charged yet. */
export function newMeter(): Meter {
  return { cost: 0, limit: 0, budget: undefined };
}

/**
 * Adds `units` to the meter; throws a CostLimitError once the expression's limit, the shared
 * budget or the deadline is exceeded. After that every charge throws, so nested comprehensions
 * unwind at their next iteration.
 */
export function charge(meter: Meter, units: number): void {
  const budget = meter.budget;
  if (budget === undefined) return;
  if (budget.exhausted !== undefined) throw new CostLimitError(budget.exhausted);
  meter.cost += units;
  budget.remaining -= units;
  if (meter.cost > meter.limit) {
    budget.exhausted = `operation cancelled: actual cost limit exceeded (expression cost over ${String(meter.limit)})`;
  } else if (budget.remaining < 0) {
    budget.exhausted =
      'validation failed due to running out of cost budget, no further validation rules will be run';
  } else if (performance.now() > budget.deadline) {
    budget.exhausted = `operation cancelled: evaluation time limit of ${String(budget.timeLimitMs)} ms exceeded`;
  }
  if (budget.exhausted !== undefined) throw new CostLimitError(budget.exhausted);
}
