import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CheckMeta } from '../model/check.ts';
import type { Finding } from '../model/finding.ts';
import type { Framework } from '../model/frameworks/framework.ts';
import { frameworkScorecard } from './framework.ts';

const check = (id: string, cis: string[]): CheckMeta => ({
  id,
  title: id,
  severity: 'high',
  theme: 'config',
  description: '',
  remediation: '',
  references: [],
  cis,
});
const finding = (checkId: string, suppressed = false): Finding => ({
  checkId,
  severity: 'high',
  theme: 'config',
  message: 'm',
  remediation: '',
  object: { apiVersion: 'v1', kind: 'Pod', namespace: 'a', name: 'p' },
  resource: undefined,
  path: [],
  suppressed: suppressed ? { by: 'config', reason: 'r' } : undefined,
});

const cis = (...ids: string[]): Framework => ({
  id: 'cis',
  title: 'CIS',
  source: 'test',
  controls: ids.map((id) => ({ id, title: id })),
});

describe('framework scorecard', () => {
  const checks = [check('a', ['1.2.10', '1.2.9']), check('b', ['1.2.9']), check('c', ['4.2.1'])];
  const benchmark = cis('1.2.9', '1.2.10', '4.2.1');

  it('fails on counted findings, passes when an applied check found none, else not checked', () => {
    const card = frameworkScorecard(benchmark, checks, (entry) => entry.id !== 'c', [
      finding('a'),
      finding('b', true),
    ]);
    const status = Object.fromEntries(card.controls.map((control) => [control.id, control.status]));
    assert.deepEqual(status, { '1.2.9': 'fail', '1.2.10': 'fail', '4.2.1': 'not checked' });
    assert.equal(card.controls[0]?.findings, 1, 'the suppressed finding does not count');
    const clean = frameworkScorecard(benchmark, checks, () => true, [finding('b', true)]);
    assert.deepEqual(
      clean.controls.map((control) => control.status),
      ['pass', 'pass', 'pass'],
    );
  });

  it('says not covered for a control no check implements', () => {
    assert.equal(
      frameworkScorecard(cis('5.1.1'), checks, () => true, [])?.controls[0]?.status,
      'not covered',
    );
  });
});
