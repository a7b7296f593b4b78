import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AssertionResult } from '../../netpol/assert.ts';
import { renderAssertJunit, renderAssertTap } from './assert.ts';

describe('netpol assert output', () => {
  it('prints TAP 14 and JUnit', () => {
    const results: AssertionResult[] = [
      {
        assertion: {
          name: 'a & b',
          source: { type: 'host', name: 'h' },
          target: { type: 'name', name: 'x' },
          protocol: 'TCP',
          port: 1,
          expectOpen: true,
          podPort: true,
        },
        status: 'pass',
        reason: '',
      },
      {
        assertion: {
          name: 'c',
          source: { type: 'host', name: 'h' },
          target: { type: 'name', name: 'x' },
          protocol: 'TCP',
          port: 1,
          expectOpen: true,
          podPort: true,
        },
        status: 'fail',
        reason: 'closed',
      },
      {
        assertion: {
          name: 'd',
          source: { type: 'host', name: 'h' },
          target: { type: 'name', name: 'x' },
          protocol: 'TCP',
          port: 1,
          expectOpen: true,
          podPort: true,
        },
        status: 'skip',
        reason: 'unknown',
      },
    ];
    assert.equal(
      renderAssertTap(results),
      'TAP version 14\n1..3\nok 1 - a & b\nnot ok 2 - c\n  ---\n  reason: "closed"\n  ...\nok 3 - d # SKIP unknown\n',
    );
    const junit = renderAssertJunit(results);
    assert.match(junit, /<testsuite name="netassert" tests="3" failures="1" errors="0" skipped="1">/);
    assert.match(junit, /name="a &amp; b"/);
    assert.match(junit, /<failure message="closed"\/>/);
  });
});
