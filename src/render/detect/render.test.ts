import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Alert } from '../../detect/index.ts';
import { renderCoverageJson, renderCoverageTable } from './coverage.ts';
import { falcoJsonLine } from './falco-json.ts';
import { falcoPrefix, nanosOf } from './falco-time.ts';
import { renderStats } from './stats.ts';
import { alertTable } from './table.ts';

const ALERT: Alert = {
  time: '2026-03-02T10:15:08.113848000Z',
  rule: 'Secret read',
  priority: 'INFORMATIONAL',
  output: 'Secret read (user=jane)',
  outputFields: { 'ka.user.name': 'jane', 'ka.target.name': null, 'ka.groups': ['a', 'b'] },
  tags: ['k8s', 'credential_access', 'T1552'],
  source: 'k8s_audit',
};

describe('Falco JSON alerts', () => {
  it('sorts keys, output fields and tags as nlohmann::json and std::set order them, with the time prefix', () => {
    assert.equal(
      falcoJsonLine(ALERT, 'node-1'),
      '{"hostname":"node-1","output":"10:15:08.113848000: Informational Secret read (user=jane)",' +
        '"output_fields":{"evt.time":1772446508113848000,"ka.groups":["a","b"],"ka.target.name":null,"ka.user.name":"jane"},' +
        '"priority":"Informational","rule":"Secret read","source":"k8s_audit","tags":["T1552","credential_access","k8s"],' +
        '"time":"2026-03-02T10:15:08.113848000Z"}\n',
    );
  });

  it("keeps an output field named evt.time as the rule gave it, and stamps an event without time with the clock's", () => {
    const line = falcoJsonLine(
      { ...ALERT, time: '', outputFields: { 'evt.time': 'x' } },
      'h',
      () => new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6)),
    );
    const parsed = JSON.parse(line) as {
      time: string;
      output: string;
      output_fields: Record<string, unknown>;
    };
    assert.equal(parsed.time, '2026-01-02T03:04:05.006000000Z');
    assert.equal(parsed.output, '03:04:05.006000000: Informational Secret read (user=jane)');
    assert.deepEqual(parsed.output_fields, { 'evt.time': 'x' });
  });

  it('escapes what JSON must, and keeps every character of the event', () => {
    const line = falcoJsonLine({ ...ALERT, output: 'a"b\\c\nd\u0007é' }, 'h');
    assert.equal(
      (JSON.parse(line) as { output: string }).output,
      '10:15:08.113848000: Informational a"b\\c\nd\u0007é',
    );
    assert.equal(line.split('\n').length, 2, 'one line per alert');
  });

  it('writes nanoseconds exactly and pads a shorter fraction, as Falco prints %evt.time', () => {
    assert.equal(nanosOf('2026-03-02T10:15:08.1Z'), '1772446508100000000');
    assert.equal(nanosOf('not a time'), 'null');
    assert.equal(falcoPrefix('2026-03-02T10:15:08.1Z', 'WARNING'), '10:15:08.100000000: Warning');
  });
});

describe('the alert table', () => {
  it('sizes the rule column from the rules up front and escapes control characters of rules and outputs', () => {
    const table = alertTable({ color: false, ruleNames: ['Secret read', 'A much longer rule name'] });
    assert.equal(table.header, `TIME${' '.repeat(29)}PRIORITY${' '.repeat(8)}RULE${' '.repeat(22)}OUTPUT\n`);
    assert.equal(
      table.row({ ...ALERT, output: 'x\u001b[2Jy\nz' }),
      `2026-03-02T10:15:08.113848000Z   INFORMATIONAL   Secret read${' '.repeat(15)}x\\x1b[2Jy\\nz\n`,
    );
  });

  it('colours the priority only when asked', () => {
    const table = alertTable({ color: true, ruleNames: ['r'] });
    assert.match(table.row({ ...ALERT, priority: 'CRITICAL' }), /\u001b\[1m\u001b\[31mCRITICAL/);
  });
});

describe('detect stats', () => {
  it('totals on one line, then each rule, most alerts first', () => {
    const stats = {
      events: 10,
      matched: 3,
      alerts: 4,
      shown: 2,
      dropped: 1,
      byRule: new Map([
        ['b', 1],
        ['a', 3],
      ]),
    };
    assert.equal(
      renderStats(stats),
      'detect: 10 events read, 3 matched, 4 alerts (2 shown), 1 dropped\n  3  a\n  1  b\n',
    );
    assert.match(
      renderStats({ ...stats, refused: 2 }, true),
      /^detect \(running\): .*, 1 dropped, 2 batches refused \(429\)\n/,
    );
  });
});

describe('rule coverage', () => {
  const coverage = [
    { rule: 'Fires', canFire: true },
    { rule: 'Never', canFire: false, reason: 'needs level Request' },
  ];
  it('lists the rules that can never fire first, with a total', () => {
    assert.equal(
      renderCoverageTable(coverage, 'p.yaml'),
      'RULE    CAN FIRE   WHY NOT\nNever   no         needs level Request\nFires   yes\n\n1 of 2 rules can never fire under p.yaml\n',
    );
    assert.deepEqual(JSON.parse(renderCoverageJson(coverage, 'p.yaml')), {
      policy: 'p.yaml',
      rules: coverage,
    });
  });
});
