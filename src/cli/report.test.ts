import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../testing/cli.ts';

describe('kubeward report', () => {
  const directory = mkdtempSync(join(tmpdir(), 'kubeward-report-'));

  it('draws the page of a JSON report written with --graphs, as scan -o html does', () => {
    const json = join(directory, 'report.json');
    const scan = runCli([
      'scan',
      'examples/insecure',
      '-o',
      'json',
      '--graphs',
      '--fail-on',
      'none',
      '--output-file',
      json,
    ]);
    assert.equal(scan.status, 0, scan.stderr);
    const page = runCli(['report', json, '-o', 'html']);
    assert.equal(page.status, 0, page.stderr);
    const direct = runCli(['scan', 'examples/insecure', '-o', 'html', '--fail-on', 'none']);
    assert.equal(page.stdout, direct.stdout);
    assert.match(page.stdout, /<svg id="network-graph"/);
    assert.match(page.stdout, /<svg id="attack-graph"/);
  });

  it('without --graphs, the page says how to get them', () => {
    const json = join(directory, 'plain.json');
    runCli(['scan', 'examples/insecure', '-o', 'json', '--fail-on', 'none', '--output-file', json]);
    const page = runCli(['report', json]);
    assert.equal(page.status, 0, page.stderr);
    assert.match(
      page.stdout,
      /This report holds no graphs: write the JSON report with <code>kubeward scan -o json --graphs<\/code>/,
    );
  });

  it('refuses what is not a JSON report (exit 2), naming the file and the field', () => {
    const bad = join(directory, 'bad.json');
    writeFileSync(bad, JSON.stringify({ apiVersion: 'kubeward.io/v1alpha2', kind: 'Baseline' }));
    const run = runCli(['report', bad]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /bad\.json: not a kubeward JSON report \(kubeward scan -o json\): kind: /);
    assert.doesNotMatch(run.stderr, /\n\s+at /);
  });

  it('scan --graphs goes with -o json, yaml or html only (exit 2)', () => {
    const run = runCli(['scan', 'examples/insecure', '-o', 'sarif', '--graphs']);
    assert.equal(run.status, 2);
    assert.match(
      run.stderr,
      /--graphs adds the graphs to -o json and -o yaml \(and -o html draws them\); not to -o sarif/,
    );
  });
});
