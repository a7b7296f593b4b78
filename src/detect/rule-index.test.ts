// The per-event rule selection must never drop a rule that could match: a field is pinned only by
// `=`/`in` checks every way through the condition can't avoid (a negation pins nothing, a disjunction
// pins only when all its branches do), as a check on an absent field is false (libsinsp
// sinsp_filtercheck.cpp, compare_nocache).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ExprNode } from './ast.ts';
import { parseCondition } from './parse-condition.ts';
import { pinnedValues } from './rule-index.ts';
import { holds } from './testing/one-rule.ts';

const MACROS = new Map<string, ExprNode>([
  ['pod', parseCondition('ka.target.resource = pods and not ka.target.subresource exists')],
  ['writes', parseCondition('ka.verb in (create, update)')],
]);

function pins(condition: string, field: string): string[] | undefined {
  const values = pinnedValues(parseCondition(condition), field, MACROS);
  return values && [...values].sort();
}

describe('pinnedValues', () => {
  const TABLE: readonly (readonly [string, string, string[] | undefined])[] = [
    ['ka.verb = get', 'ka.verb', ['get']],
    ['ka.verb == get', 'ka.verb', ['get']],
    ['ka.verb in (get, list) and ka.verb in (list, watch)', 'ka.verb', ['list']],
    ['ka.verb = get or ka.verb = list', 'ka.verb', ['get', 'list']],
    ['ka.verb = get or ka.uri exists', 'ka.verb', undefined],
    ['not ka.verb = get', 'ka.verb', undefined],
    ['ka.verb != get', 'ka.verb', undefined],
    ['ka.verb startswith g', 'ka.verb', undefined],
    ['pod and writes', 'ka.target.resource', ['pods']],
    ['pod and writes', 'ka.verb', ['create', 'update']],
    ['(pod or ka.target.resource = nodes) and ka.verb = get', 'ka.target.resource', ['nodes', 'pods']],
    ['tolower(ka.verb) = get', 'ka.verb', undefined],
    ['jevt.value[/stage] in (ResponseComplete)', 'jevt.value[/stage]', ['ResponseComplete']],
    ['ka.verb = get and ka.verb = list', 'ka.verb', []],
  ];
  for (const [condition, field, expected] of TABLE)
    it(`${condition} pins ${field} to ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(pins(condition, field), expected);
    });

  it('keeps unpinned rules for events of any verb, and pinned ones only for theirs', () => {
    const event = (verb: string): unknown => ({ auditID: 'i', verb, stage: 'ResponseComplete' });
    assert.equal(holds('not ka.verb = get', event('delete')), true);
    assert.equal(holds('ka.verb = get or ka.uri exists', event('delete')), false);
    assert.equal(holds('ka.verb = get or not ka.uri exists', event('delete')), true);
    assert.equal(holds('ka.verb in (get, delete)', event('delete')), true);
    assert.equal(holds('ka.verb in (get, delete)', { auditID: 'i' }), false);
  });
});
