import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TestResult } from '../../policy/result.ts';
import { assertTerminalSafe } from '../../testing/terminal-safety.ts';
import { renderTestJunit } from './junit.ts';
import { renderTestTable } from './table.ts';
import { renderTestTap } from './tap.ts';

/** A failed and a warned result whose names, file and CEL messages would forge lines. */
const RESULTS: readonly TestResult[] = [
  {
    test: 'limits\r\x1b[2K',
    source: '/repo/policy.yaml',
    subject: {
      kind: 'Deployment',
      namespace: 'shop\u202e',
      name: 'web\x9b1A',
      file: '/repo/a\nb.yaml',
      line: 3,
    },
    outcome: 'fail',
    messages: ['replicas must be at most 5\nPASS  fake  all good', 'second \x1b]0;t\x07'],
  },
  {
    test: 'labels',
    source: '/repo/policy.yaml',
    subject: { kind: 'Pod', namespace: undefined, name: 'p', file: '/repo/p.yaml', line: 1 },
    outcome: 'warn',
    messages: ['label "team\r" is missing'],
  },
];

describe('kubeward test outputs escape names, file names and CEL messages', () => {
  it('table: each message on its own line, each escaped', () => {
    const text = renderTestTable(RESULTS, '/repo');
    assertTerminalSafe(text);
    const lines = text.split('\n');
    assert.match(
      lines[1] ?? '',
      /^FAIL +limits\\r\\x1b\[2K {3}Deployment shop\\u202e\/web\\x9b1A {3}a\\nb\.yaml:3 {3}replicas must be at most 5\\nPASS {2}fake {2}all good$/,
    );
    assert.match(lines[2] ?? '', /^ +second \\x1b\]0;t\\x07$/);
    assert.match(lines[3] ?? '', /^WARN +labels +Pod p +p\.yaml:1 +label "team\\r" is missing$/);
  });

  it('tap: a name cannot start a new test line, a message cannot end the YAML block', () => {
    const text = renderTestTap(RESULTS, '/repo');
    assertTerminalSafe(text);
    const lines = text.split('\n');
    assert.equal(lines[2], 'not ok 1 - limits\\r\\x1b[2K Deployment shop\\u202e/web\\x9b1A');
    assert.equal(lines[5], '  at: "a\\\\nb.yaml:3"');
    assert.equal(lines[7], '    - "replicas must be at most 5\\\\nPASS  fake  all good"');
    assert.equal(lines[8], '    - "second \\\\x1b]0;t\\\\x07"');
  });

  it('junit: only the writer’s own line breaks remain in a failure text', () => {
    const text = renderTestJunit(RESULTS, '/repo');
    assertTerminalSafe(text);
    assert.ok(
      text.includes(
        '>a\\nb.yaml:3: replicas must be at most 5\\nPASS  fake  all good\nsecond \\x1b]0;t\\x07</failure>',
      ),
      text,
    );
    assert.ok(
      text.includes('<system-out>p.yaml:1: warn: label &quot;team\\r&quot; is missing</system-out>'),
      text,
    );
    assert.ok(text.includes('classname="limits\\r\\x1b[2K"'), text);
  });
});
