// A ruleset is fed whatever arrives on the audit stream: any JSON value where an audit Event's field
// should be (null, a number, an array, a string, an object) leaves fields absent or printed as JSON,
// never an exception (the k8saudit plugin's extract.go returns errors for wrong types, and libsinsp
// then treats the field as not extracted).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileRules } from './index.ts';
import { auditEvents, testRulesFile } from './testing/audit-fixtures.ts';

const REPLACEMENTS: readonly unknown[] = [null, 0, -1.5, true, '', 'x', [], [null], [1, 'a'], {}, { a: [] }];

/** Every copy of `value` with one node (at any depth) replaced by one of the replacements. */
function* mutations(value: unknown): Generator {
  if (value === null || typeof value !== 'object') return;
  const entries: (readonly [string | number, unknown])[] = Array.isArray(value)
    ? value.map((v: unknown, i) => [i, v] as const)
    : Object.entries(value);
  for (const [key, child] of entries) {
    const copy = (replacement: unknown): unknown => {
      if (Array.isArray(value)) return value.map((v: unknown, i) => (i === key ? replacement : v));
      return { ...value, [key]: replacement };
    };
    for (const replacement of REPLACEMENTS) yield copy(replacement);
    for (const mutated of mutations(child)) yield copy(mutated);
  }
}

describe('malformed audit events', () => {
  it('never make a ruleset throw', () => {
    const ruleset = compileRules([testRulesFile('cluster-guard-rules.yaml')], { ruleMatching: 'all' });
    const events = auditEvents('official-rules.events.jsonl');
    let count = 0;
    for (const id of [
      'create-privileged-pod.trigger',
      'attach-to-cluster-admin-role.trigger',
      'attach-exec-pod.trigger',
    ])
      for (const event of mutations(events.get(id))) {
        for (const alert of ruleset.match(event)) assert.equal(typeof alert.output, 'string');
        count++;
      }
    assert.ok(count > 1000, `${count} mutations`);
    for (const value of REPLACEMENTS) assert.deepEqual(ruleset.match(value), []);
  });
});
