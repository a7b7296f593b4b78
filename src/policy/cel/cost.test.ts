// Cost limits (kubernetes/apiserver pkg/apis/cel/config.go: 1,000,000 per expression, 10,000,000 per
// evaluation): a hostile expression must stop with a cost-limit error within a second. Time is
// measured as CPU time of this process, so a machine shared with other work does not skew it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PER_EXPRESSION_COST_LIMIT, newBudget } from './budget.ts';
import { compileCel, isCompileError } from './compile.ts';
import type { CelOutcome } from './compile.ts';

function timed(
  expression: string,
  variables: Record<string, unknown> = {},
): { outcome: CelOutcome; ms: number } {
  const program = compileCel(expression);
  if (isCompileError(program)) throw new Error(program.compileError);
  const start = process.cpuUsage();
  const outcome = program.evaluate(variables as never, newBudget(), PER_EXPRESSION_COST_LIMIT);
  const used = process.cpuUsage(start);
  return { outcome, ms: (used.user + used.system) / 1000 };
}

const TEN = '[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]';
const nested = (depth: number, body: string): string =>
  Array.from({ length: depth }, (_, index) => index).reduceRight(
    (inner, index) => `${TEN}.all(v${String(index)}, ${inner})`,
    body,
  );

describe('cost limits', () => {
  it('an exponential comprehension (10^8 iterations) stops with a cost-limit error within a second', () => {
    const { outcome, ms } = timed(nested(8, 'v0 + v7 >= 0'));
    assert.equal(outcome.kind, 'error');
    assert.ok(outcome.kind === 'error' && outcome.costLimit);
    assert.match(
      outcome.kind === 'error' ? outcome.message : '',
      /cost limit exceeded|time limit of 500 ms exceeded/,
    );
    assert.ok(ms < 1000, `took ${ms.toFixed(0)} ms`);
  });

  it('a huge generated list (map of map of map) stops with a cost-limit error within a second', () => {
    const { outcome, ms } = timed(
      `size(${TEN}.map(a, ${TEN}.map(b, ${TEN}.map(c, ${TEN}.map(d, ${TEN}.map(e, ${TEN}.map(f, [a, b, c, d, e, f]))))))) > 0`,
    );
    assert.ok(outcome.kind === 'error' && outcome.costLimit);
    assert.ok(ms < 1000, `took ${ms.toFixed(0)} ms`);
  });

  it('a huge input list walked repeatedly stops within a second', () => {
    const items = Array.from({ length: 100_000 }, (_, index) => BigInt(index));
    const { outcome, ms } = timed('object.items.all(x, object.items.exists(y, y == x))', {
      object: { items },
    });
    assert.ok(outcome.kind === 'error' && outcome.costLimit);
    assert.ok(ms < 1000, `took ${ms.toFixed(0)} ms`);
  });

  it('the error is not absorbed by || (CEL error absorption would otherwise answer true)', () => {
    const { outcome } = timed(`${nested(8, 'v0 < 100')} || true`);
    assert.ok(outcome.kind === 'error' && outcome.costLimit);
  });

  it('a cheap comprehension stays well under the limit', () => {
    const { outcome } = timed(nested(3, 'v0 + v1 + v2 >= 0'));
    assert.deepEqual(outcome, { kind: 'value', value: true });
  });

  it('string functions are charged by the size of what they produce', () => {
    const grow = Array.from({ length: 12 }).reduce<string>(
      (inner) => `${inner}.replace("a", "aaaaaaaaaa")`,
      '"a"',
    );
    const { outcome, ms } = timed(`size(${grow}) > 0`);
    assert.ok(outcome.kind === 'error' && outcome.costLimit);
    assert.ok(ms < 1000, `took ${ms.toFixed(0)} ms`);
  });
});
