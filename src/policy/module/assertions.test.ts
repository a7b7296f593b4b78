// Assertion helpers after kubetest's builtins (garethr/kubetest assert/assert.go): contains is a
// substring, a key or an element; empty is nil, "", false, 0 or no elements. Each: pass and fail.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TestSkipped, TestStopped, assertions } from './assertions.ts';

function recorded(run: (helpers: ReturnType<typeof assertions>) => void): string[] {
  const failures: string[] = [];
  run(assertions(failures));
  return failures;
}

describe('assertions', () => {
  it('assertEqual compares deeply and names both values', () => {
    assert.deepEqual(
      recorded((a) => a.assertEqual({ x: [1] }, { x: [1] })),
      [],
    );
    assert.deepEqual(
      recorded((a) => a.assertEqual(1, 2, 'one')),
      ['one: expected 2, got 1'],
    );
  });
  it('assertNotEqual', () => {
    assert.deepEqual(
      recorded((a) => a.assertNotEqual(1, 2)),
      [],
    );
    assert.deepEqual(
      recorded((a) => a.assertNotEqual('a', 'a', 'm')),
      ["m: expected a value other than 'a'"],
    );
  });
  it('assertContains: substring, key, element', () => {
    assert.deepEqual(
      recorded((a) => {
        a.assertContains('hello', 'ell');
        a.assertContains({ team: 'x' }, 'team');
        a.assertContains([{ a: 1 }], { a: 1 });
      }),
      [],
    );
    assert.deepEqual(
      recorded((a) =>
        a.assertContains({ app: 'web' }, 'team', 'should indicate which team owns the deployment'),
      ),
      ["should indicate which team owns the deployment: { app: 'web' } does not contain 'team'"],
    );
    assert.equal(recorded((a) => a.assertContains(undefined, 'team')).length, 1);
  });
  it('assertNotContains', () => {
    assert.deepEqual(
      recorded((a) => a.assertNotContains(['a'], 'b')),
      [],
    );
    assert.equal(recorded((a) => a.assertNotContains(['a'], 'a')).length, 1);
  });
  it('assertMatches with a RegExp or a pattern string', () => {
    assert.deepEqual(
      recorded((a) => a.assertMatches('nginx:1.25', /:\d/)),
      [],
    );
    assert.deepEqual(
      recorded((a) => a.assertMatches('nginx', ':[0-9]', 'tagged')),
      ["tagged: 'nginx' does not match :[0-9]"],
    );
    assert.deepEqual(
      recorded((a) => a.assertNotMatches('nginx', ':latest$')),
      [],
    );
  });
  it('assertNil / assertNotNil', () => {
    assert.deepEqual(
      recorded((a) => {
        a.assertNil(undefined);
        a.assertNotNil(0);
      }),
      [],
    );
    assert.equal(
      recorded((a) => {
        a.assertNil(0);
        a.assertNotNil(null);
      }).length,
      2,
    );
  });
  it('assertEmpty / assertNotEmpty follow kubetest (nil, "", false, 0, no elements)', () => {
    assert.deepEqual(
      recorded((a) => {
        for (const value of [null, '', false, 0, [], {}]) a.assertEmpty(value);
      }),
      [],
    );
    assert.equal(
      recorded((a) => {
        a.assertEmpty([1]);
        a.assertNotEmpty({});
      }).length,
      2,
    );
  });
  it('assertTrue / assertFalse accept only booleans', () => {
    assert.deepEqual(
      recorded((a) => {
        a.assertTrue(true);
        a.assertFalse(false);
      }),
      [],
    );
    assert.equal(
      recorded((a) => {
        a.assertTrue(1);
        a.assertFalse(0);
      }).length,
      2,
    );
  });
  it('fail records and goes on; failNow records and stops; skip stops without failing', () => {
    const failures: string[] = [];
    const helpers = assertions(failures);
    helpers.fail('first');
    assert.throws(() => helpers.failNow('second'), TestStopped);
    assert.throws(() => helpers.skip('n/a'), TestSkipped);
    assert.deepEqual(failures, ['first', 'second']);
  });
});
