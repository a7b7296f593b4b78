import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../testing/cli.ts';
import { hardenedPod, privilegedPod } from '../testing/hardened-pod.ts';

/** A privileged pod `p` (critical, medium, low findings) and a pod `latest` with a mutable tag (medium, low). */
function pods(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kubeward-output-'));
  const file = join(dir, 'pods.yaml');
  writeFileSync(
    file,
    `${privilegedPod('p')}---\n${hardenedPod('latest', { image: 'registry.example.com/app:latest' })}`,
  );
  return file;
}

interface JsonReport {
  summary: { findings: number; hidden: number; bySeverity: Record<string, number> };
  findings: { check: string; severity: string; object: { kind: string; name: string } }[];
}
const scanJson = (args: readonly string[]) => {
  const run = runCli(['scan', ...args, '-o', 'json']);
  return { status: run.status, stderr: run.stderr, report: JSON.parse(run.stdout || '{}') as JsonReport };
};
const checksOf = (report: JsonReport) => [...new Set(report.findings.map((f) => f.check))].sort();

describe('kubeward scan --check and --skip', () => {
  it('runs only the checks named or matched by a glob, minus those skipped', () => {
    const file = pods();
    assert.deepEqual(checksOf(scanJson([file, '--check', 'pss-privileged']).report), ['pss-privileged']);
    assert.deepEqual(checksOf(scanJson([file, '--check', 'image-*', '--check', 'naked-pod']).report), [
      'image-digest-missing',
      'image-pull-policy-not-always',
      'image-tag-mutable',
      'naked-pod',
    ]);
    const skipped = checksOf(scanJson([file, '--check', 'image-*', '--skip', 'image-pull-*']).report);
    assert.deepEqual(skipped, ['image-digest-missing', 'image-tag-mutable']);
    const all = checksOf(scanJson([file]).report);
    assert.ok(all.includes('pss-privileged') && all.includes('kubesec-score'));
    assert.ok(!checksOf(scanJson([file, '--skip', 'kubesec-score']).report).includes('kubesec-score'));
  });

  it('exits 2 on an id or glob that matches no check, suggesting near ids', () => {
    const file = pods();
    const typo = runCli(['scan', file, '--check', 'pss-privilegd']);
    assert.equal(typo.status, 2);
    assert.match(
      typo.stderr,
      /^error: --check pss-privilegd: unknown check \(did you mean: pss-privileged, .*\); run kubeward checks list\n$/,
    );
    const glob = runCli(['scan', file, '--skip', 'nope-*']);
    assert.equal(glob.status, 2);
    assert.equal(glob.stderr, 'error: --skip nope-*: matches no check; run kubeward checks list\n');
  });
});

describe('kubeward scan --min-severity', () => {
  it('lists only findings at or above it, still counting the others', () => {
    const file = pods();
    const { report } = scanJson([file, '--min-severity', 'medium']);
    assert.ok(report.findings.length > 0);
    assert.ok(report.findings.every((f) => ['critical', 'high', 'medium'].includes(f.severity)));
    assert.equal(report.summary.hidden, report.summary.bySeverity.low);
    assert.ok(report.summary.hidden > 0);
    assert.equal(scanJson([file]).report.summary.hidden, 0);
  });

  it('leaves the exit code to --fail-on', () => {
    const latest = pods();
    const hidden = runCli([
      'scan',
      latest,
      '--check',
      'image-tag-mutable',
      '--min-severity',
      'critical',
      '--fail-on',
      'medium',
    ]);
    assert.equal(hidden.status, 1, 'a medium finding fails --fail-on medium though it is not listed');
    assert.match(hidden.stdout, /^No findings at or above --min-severity\.\n/);
    assert.match(
      hidden.stdout,
      /1 finding \(1 medium\) in 2 objects from 1 file; 1 below --min-severity not listed\n$/,
    );
    const shown = runCli([
      'scan',
      latest,
      '--check',
      'image-tag-mutable',
      '--min-severity',
      'info',
      '--fail-on',
      'high',
    ]);
    assert.equal(shown.status, 0, 'a listed medium finding passes --fail-on high');
    assert.match(shown.stdout, /MEDIUM\s+image-tag-mutable/);
  });

  it('rejects an unknown severity', () => {
    const run = runCli(['scan', pods(), '--min-severity', 'severe']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /argument 'severe' is invalid/);
  });
});

describe('kubeward scan finding order and --summary', () => {
  it('lists the most severe findings of an object first', () => {
    const { report } = scanJson([pods()]);
    const ofP = report.findings.filter((f) => f.object.name === 'p').map((f) => f.check);
    assert.deepEqual(ofP, ['pss-privileged', 'kubesec-score', 'naked-pod'], 'critical, medium, low');
    const table = runCli(['scan', pods()]).stdout;
    assert.match(table, /CRITICAL\s+pss-privileged.*\n\s+MEDIUM\s+kubesec-score.*\n\s+LOW\s+naked-pod/);
  });

  it('prints only the scorecard and the total with --summary', () => {
    const run = runCli(['scan', pods(), '--summary']);
    assert.equal(run.status, 1, 'the exit code is the same');
    assert.match(run.stdout, /^THEME\s+CHECKS\s+FINDINGS/);
    assert.doesNotMatch(run.stdout, /pss-privileged|Pod\/apps\/p/);
    assert.match(run.stdout, /\n8 findings \(1 critical, 3 medium, 4 low\) in 2 objects from 1 file\n$/);
    const json = runCli(['scan', pods(), '--summary', '-o', 'json']);
    assert.equal(json.status, 2);
    assert.equal(
      json.stderr,
      "error: --summary prints the table's scorecard; with -o json, read its summary\n",
    );
  });
});
