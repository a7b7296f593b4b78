import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../testing/cli.ts';
import { hardenedPod, privilegedPod } from '../testing/hardened-pod.ts';

const directory = () => mkdtempSync(join(tmpdir(), 'kubeward-baseline-'));
const write = (dir: string, name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

interface JsonReport {
  summary: { findings: number; suppressed: number; inBaseline: number };
  findings: {
    check: string;
    object: { name: string };
    location: { line: number } | null;
    suppressed: { by: string; reason: string } | null;
    fingerprint: string;
  }[];
}
const reportOf = (stdout: string) => JSON.parse(stdout) as JsonReport;
const privilegedOf = (report: JsonReport, name: string) =>
  report.findings.find((f) => f.check === 'pss-privileged' && f.object.name === name);

describe('kubeward scan --baseline and --write-baseline', () => {
  it('writes the fingerprints of the findings that count, sorted', () => {
    const dir = directory();
    const pod = write(dir, 'pod.yaml', privilegedPod('old'));
    const run = runCli([
      'scan',
      pod,
      '--fail-on',
      'none',
      '--write-baseline',
      join(dir, 'base.json'),
      '-o',
      'json',
    ]);
    assert.equal(run.status, 0, run.stderr);
    const baseline = JSON.parse(readFileSync(join(dir, 'base.json'), 'utf8')) as {
      kind: string;
      fingerprints: string[];
    };
    assert.equal(baseline.kind, 'Baseline');
    const counted = reportOf(run.stdout).findings.filter((f) => f.suppressed === null);
    assert.deepEqual(baseline.fingerprints, counted.map((f) => f.fingerprint).sort());
    assert.ok(baseline.fingerprints.every((fingerprint) => /^[0-9a-f]{32}$/.test(fingerprint)));
  });

  it('marks baseline findings, catches new ones, and survives moved lines', () => {
    const dir = directory();
    const pod = write(dir, 'pod.yaml', privilegedPod('old'));
    const base = join(dir, 'base.json');
    assert.equal(runCli(['scan', pod, '--fail-on', 'none', '--write-baseline', base]).status, 0);
    assert.equal(runCli(['scan', pod]).status, 1, 'without the baseline the privileged pod fails');

    // Lines move: a comment block and another object come first.
    write(dir, 'pod.yaml', `# moved down\n# by an edit\n${hardenedPod('first')}---\n${privilegedPod('old')}`);
    const moved = runCli(['scan', pod, '--baseline', base, '-o', 'json']);
    assert.equal(moved.status, 0, moved.stderr);
    const old = privilegedOf(reportOf(moved.stdout), 'old');
    assert.deepEqual(old?.suppressed, { by: 'baseline', reason: `in baseline ${base}` });
    assert.equal(old?.location?.line, 52, 'the finding moved from line 25');

    write(dir, 'pod.yaml', `${privilegedPod('old')}---\n${privilegedPod('new')}`);
    const added = runCli(['scan', pod, '--baseline', base, '-o', 'json']);
    assert.equal(added.status, 1, 'a new privileged pod fails the run');
    const report = reportOf(added.stdout);
    assert.equal(privilegedOf(report, 'new')?.suppressed, null);
    assert.equal(privilegedOf(report, 'old')?.suppressed?.by, 'baseline');
    assert.ok(report.summary.inBaseline > 0);
    assert.equal(report.summary.inBaseline, report.summary.suppressed);

    const table = runCli(['scan', pod, '--baseline', base, '--show-suppressed']).stdout;
    assert.match(table, /SUPPRESSED\s+pss-privileged\s+25:9\s+privileged .* \(in baseline /);
    assert.match(table, /\d+ suppressed \(\d+ in baseline\)/);
  });

  it('accepts a JSON report as a baseline', () => {
    const dir = directory();
    const pod = write(dir, 'pod.yaml', privilegedPod('old'));
    const json = join(dir, 'report.json');
    assert.equal(runCli(['scan', pod, '-o', 'json', '--output-file', json]).status, 1);
    write(dir, 'pod.yaml', `\n\n${privilegedPod('old')}`);
    assert.equal(runCli(['scan', pod, '--baseline', json]).status, 0);
    write(dir, 'pod.yaml', `${privilegedPod('old')}---\n${privilegedPod('new')}`);
    assert.equal(runCli(['scan', pod, '--baseline', json]).status, 1);
  });

  it('exits 2 with one clear line for a baseline it cannot use', () => {
    const dir = directory();
    const pod = write(dir, 'pod.yaml', privilegedPod('old'));
    const cases: [string, RegExp][] = [
      [write(dir, 'broken.json', '{"fingerprints": ['), /broken\.json: baseline is not JSON: /],
      [
        write(dir, 'other.json', '{"kind": "Pod"}'),
        /other\.json: not a baseline: no fingerprints or findings list/,
      ],
      [
        write(dir, 'short.json', '{"fingerprints": ["abc"]}'),
        /short\.json: not a baseline: entry 0 has no fingerprint of 32 hex digits/,
      ],
      [join(dir, 'missing.json'), /missing\.json: cannot read baseline: /],
    ];
    for (const [file, message] of cases) {
      const run = runCli(['scan', pod, '--baseline', file]);
      assert.equal(run.status, 2, file);
      assert.match(run.stderr, new RegExp(`^error: \\S*${message.source}`));
      assert.equal(run.stderr.split('\n').length, 2, 'one line');
    }
  });

  it('refuses to write the baseline over an input', () => {
    const dir = directory();
    const pod = write(dir, 'pod.yaml', privilegedPod('old'));
    const run = runCli(['scan', pod, '--write-baseline', pod]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--write-baseline .*pod\.yaml is .*pod\.yaml, an input of this run/);
    assert.match(readFileSync(pod, 'utf8'), /kind: Pod/);
  });
});
