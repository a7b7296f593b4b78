// The scorecard: a theme passes only when its checks had something to look at.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CHECKS } from '../checks/registry.ts';
import { parseConfig } from '../config/parse-config.ts';
import { loadInputs } from '../scan/inputs.ts';
import { scanLoaded } from '../scan/scan.ts';
import { TEST_NOW } from '../testing/clock.ts';
import type { Finding, ObjectRef, Suppression } from '../model/finding.ts';
import { buildInventory } from '../model/inventory.ts';
import type { Severity } from '../model/severity.ts';
import { PRIVILEGED_HOST_PID_POD, scanText } from '../testing/scan-text.ts';
import { buildReport } from './report.ts';
import type { Report, ThemeSummary } from './report.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', 'testdata', 'applies');

/** The scorecard of a default scan of a fixture directory. */
async function themesOf(directory: string): Promise<readonly ThemeSummary[]> {
  const loaded = await loadInputs([join(FIXTURES, directory)], { recursive: true });
  const run = parseConfig('<defaults>', '', CHECKS).run;
  return scanLoaded(loaded, { checks: CHECKS, run, now: TEST_NOW }).report.summary.themes;
}

describe('scorecard', () => {
  it('reports every theme not checked on an input without Kubernetes objects', async () => {
    const themes = await themesOf('empty');
    assert.deepEqual(
      themes.filter((theme) => theme.checks > 0).map(({ id }) => id),
      [],
    );
  });
  it('checks the manifest themes when there is an object', async () => {
    const themes = await themesOf('kustomize');
    const checked = themes.filter((theme) => theme.checks > 0).map(({ id }) => id);
    assert.ok(checked.includes('nonroot') && checked.includes('config'), checked.join(','));
  });
});

describe('buildReport', () => {
  const pod = (name: string): ObjectRef => ({ apiVersion: 'v1', kind: 'Pod', namespace: 'shop', name });
  const finding = (
    checkId: string,
    severity: Severity,
    object: ObjectRef,
    suppressed?: Suppression,
  ): Finding => ({
    checkId,
    severity,
    theme: 'config',
    message: checkId,
    remediation: '',
    object,
    resource: undefined,
    path: [],
    suppressed,
  });
  const web = pod('web');
  const db = pod('db');
  const findings = [
    finding('a1', 'low', web),
    finding('b1', 'high', db),
    // Another reference to the same object, after findings about another one.
    finding('a2', 'critical', pod('web')),
    finding('c1', 'info', pod('cache')),
    finding('a3', 'medium', web, { by: 'baseline', reason: '' }),
    finding('b2', 'critical', db),
  ];
  const report = (minSeverity?: Severity): Report =>
    buildReport({
      checks: [],
      inventory: buildInventory([]),
      findings,
      diagnostics: [],
      files: 0,
      ...(minSeverity === undefined ? {} : { minSeverity }),
    });

  it('lists findings by object in order of first appearance, the most severe first within each', () => {
    assert.deepEqual(
      report().findings.map(({ checkId }) => checkId),
      ['a2', 'a3', 'a1', 'b2', 'b1', 'c1'],
    );
  });

  it('counts the findings below --min-severity without listing them, and the suppressed apart', () => {
    const { findings: listed, summary } = report('low');
    assert.deepEqual(
      listed.map(({ checkId }) => checkId),
      ['a2', 'a3', 'a1', 'b2', 'b1'],
    );
    assert.deepEqual(
      [summary.findings, summary.hidden, summary.suppressed, summary.inBaseline],
      [5, 1, 1, 1],
    );
    assert.deepEqual(summary.bySeverity, { critical: 2, high: 1, medium: 0, low: 1, info: 1 });
  });

  it('makes the scanned objects once, when first read', () => {
    const scanned = scanText(PRIVILEGED_HOST_PID_POD);
    assert.equal(scanned.objects, scanned.objects);
    assert.deepEqual(
      scanned.objects.map(({ object }) => object.name),
      ['web'],
    );
  });
});
