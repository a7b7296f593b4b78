// Runs `kubeward netpol` for real (a child process through tsx), as main.ts would once it is wired.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runNetpol } from '../testing/netpol-cli.ts';
import type { CommandRun } from '../testing/netpol-cli.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const EXAMPLES = join(ROOT, 'examples', 'netpol');

function netpol(args: readonly string[]): CommandRun {
  return runNetpol(args, EXAMPLES);
}

describe('kubeward netpol (CLI)', () => {
  it('warns about a NetworkPolicy declared twice and keeps the later one', () => {
    const duplicates = join(ROOT, 'testdata', 'duplicates');
    const run = netpol(['matrix', '-f', duplicates]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(
      run.stderr,
      /a-first\.yaml:2:1: warning: NetworkPolicy shop\/allow-web is declared again at \S+b-later\.yaml:1:1: /,
    );
  });
  it('matrix -o csv lists the allowed connections and exits 0', () => {
    const run = netpol(['matrix', '-f', 'manifests.yaml', '-f', 'generated-policies.yaml', '-o', 'csv']);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(
      run.stdout,
      'source,destination,ports\n' +
        'deployment/default/test-frontend,deployment/default/test-microservice,TCP:8000\n' +
        'deployment/new-namespace/test-microservice,deployment/default/test-frontend,TCP:8080\n' +
        'deployment/new-namespace/test-microservice,deployment/new-namespace/test-database,TCP:5432\n',
    );
  });

  it('explain names the deciding rules with file:line:col and exits 1 when denied', () => {
    const allowed = netpol([
      'explain',
      'deployment/default/myapp',
      '169.254.169.254',
      '53/UDP',
      '-f',
      'manifests.yaml',
      '-f',
      'guide',
    ]);
    assert.equal(allowed.status, 0, allowed.stderr);
    assert.match(allowed.stdout, /^ALLOWED \(UDP\/53\)/);
    assert.match(
      allowed.stdout,
      /allowed by default\/myapp-deny-external-egress spec\.egress\[0\] at guide\/dns-egress\.yaml:14:7 \(UDP:53\)/,
    );
    const denied = netpol([
      'explain',
      'default/test-frontend',
      'default/test-database',
      '8080',
      '-f',
      'manifests.yaml',
      '-f',
      'generated-policies.yaml',
    ]);
    assert.equal(denied.status, 1);
    assert.match(denied.stdout, /^DENIED \(TCP\/8080\)/);
  });

  it('assert prints TAP and exits 1 when an assertion fails, 0 when all pass; JUnit on request', () => {
    const failing = netpol(['assert', 'netassert.yaml', '-f', 'manifests.yaml', '-f', 'guide']);
    assert.equal(failing.status, 1);
    assert.match(
      failing.stdout,
      /^TAP version 14\n1\.\.12\nnot ok 1 - default:test-frontend can reach test-microservice on TCP:80\n/,
    );
    const passing = netpol([
      'assert',
      'netassert.yaml',
      '-f',
      'manifests.yaml',
      '-f',
      'generated-policies.yaml',
      '-o',
      'junit',
    ]);
    assert.equal(passing.status, 0, passing.stderr);
    assert.match(
      passing.stdout,
      /<testsuite name="netassert" tests="12" failures="0" errors="0" skipped="0">/,
    );
  });

  it('generate reproduces examples/netpol/generated-policies.yaml', () => {
    const run = netpol(['generate', '-f', 'manifests.yaml', '--flows', 'netassert.yaml']);
    assert.equal(run.status, 0, run.stderr);
    const expected = readFileSync(join(EXAMPLES, 'generated-policies.yaml'), 'utf8').replace(/^#.*\n/, '');
    assert.equal(run.stdout, expected);
  });

  it('usage errors exit 2 with one line: bad port, unknown workload, no manifests', () => {
    for (const args of [
      ['explain', 'default/myapp', 'default/test-database', '80/ICMP', '-f', 'manifests.yaml'],
      ['explain', 'default/nope', 'default/test-database', '-f', 'manifests.yaml'],
      ['matrix'],
      ['assert', 'missing.yaml', '-f', 'manifests.yaml'],
    ]) {
      const run = netpol(args);
      assert.equal(run.status, 2, args.join(' '));
      assert.match(run.stderr, /^error: .+\n$/);
    }
  });
});
