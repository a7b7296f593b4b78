// `kubeward netpol diff` run for real in a child process on testdata/netpol/diff: before/ has a loose
// database policy, after/ tightens it to TCP 5432 and adds a worker no policy selects.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runNetpol } from '../testing/netpol-cli.ts';
import type { CommandRun } from '../testing/netpol-cli.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const FIXTURES = join(ROOT, 'testdata', 'netpol', 'diff');

function netpol(args: readonly string[]): CommandRun {
  return runNetpol(args, FIXTURES);
}

const WORKER = 'deployment/shop/worker';

describe('kubeward netpol diff', () => {
  it('prints added, removed and changed connections as text, and exits 0 without --fail-on-new', () => {
    const run = netpol(['diff', 'before', 'after']);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, '');
    assert.equal(
      run.stdout,
      [
        `+ ::/0 -> ${WORKER}  all`,
        `+ 0.0.0.0/0 -> ${WORKER}  all`,
        `+ deployment/shop/db -> ${WORKER}  all`,
        `+ deployment/shop/web -> ${WORKER}  all`,
        `+ ${WORKER} -> ::/0  all`,
        `+ ${WORKER} -> 0.0.0.0/0  all`,
        `+ ${WORKER} -> ${WORKER}  all`,
        '~ deployment/shop/web -> deployment/shop/db  all -> TCP:5432',
        '7 added, 0 removed, 1 changed, 5 unchanged',
        '',
      ].join('\n'),
    );
  });

  it('--fail-on-new exits 1 when a connection appears or its ports widen', () => {
    assert.equal(netpol(['diff', 'before', 'after', '--fail-on-new']).status, 1);
    const reverse = netpol(['diff', 'after', 'before', '--fail-on-new']);
    assert.equal(reverse.status, 1, reverse.stderr);
    assert.match(reverse.stdout, /^- deployment\/shop\/worker -> deployment\/shop\/worker {2}all$/m);
    assert.match(
      reverse.stdout,
      /^~ deployment\/shop\/web -> deployment\/shop\/db {2}TCP:5432 -> all \(new: TCP:1-5431,5433-65535 UDP:\* SCTP:\*\)$/m,
    );
    assert.match(reverse.stdout, /^0 added, 7 removed, 1 changed \(1 widened\), 5 unchanged$/m);
  });

  it('--fail-on-new: TCP 80 -> TCP 80,443 is new access (exit 1), the reverse narrowing is not (exit 0)', () => {
    const wider = netpol(['diff', 'ports/http.yaml', 'ports/https.yaml', '--fail-on-new']);
    assert.equal(wider.status, 1, wider.stderr);
    assert.equal(
      wider.stdout,
      '~ deployment/shop/web -> deployment/shop/api  TCP:80 -> TCP:80,443 (new: TCP:443)\n' +
        '0 added, 0 removed, 1 changed (1 widened), 0 unchanged\n',
    );
    const narrower = netpol(['diff', 'ports/https.yaml', 'ports/http.yaml', '--fail-on-new']);
    assert.equal(narrower.status, 0, narrower.stderr);
    assert.equal(
      narrower.stdout,
      '~ deployment/shop/web -> deployment/shop/api  TCP:80,443 -> TCP:80\n' +
        '0 added, 0 removed, 1 changed, 0 unchanged\n',
    );
  });

  it('compares address ranges by the addresses they cover: a /24 written as two /25 is unchanged', () => {
    const same = netpol(['diff', 'ranges/whole.yaml', 'ranges/halves.yaml', '--fail-on-new']);
    assert.equal(same.status, 0, same.stderr);
    assert.equal(same.stdout, '0 added, 0 removed, 0 changed, 1 unchanged\n');
    const wider = netpol(['diff', 'ranges/whole.yaml', 'ranges/wider.yaml', '--fail-on-new']);
    assert.equal(wider.status, 1, wider.stderr);
    assert.equal(
      wider.stdout,
      '~ 10.0.0.128/25 -> deployment/edge/gw  TCP:443 -> TCP:443,8443 (new: TCP:8443)\n' +
        '0 added, 0 removed, 1 changed (1 widened), 1 unchanged\n',
    );
    const narrower = netpol(['diff', 'ranges/wider.yaml', 'ranges/whole.yaml', '--fail-on-new']);
    assert.equal(narrower.status, 0, narrower.stderr);
    assert.match(narrower.stdout, /^0 added, 0 removed, 1 changed, 1 unchanged$/m);
  });

  it('-o json gives the same diff as data', () => {
    const run = netpol(['diff', 'before', 'after', '-o', 'json']);
    assert.equal(run.status, 0, run.stderr);
    const diff = JSON.parse(run.stdout) as {
      added: { source: string; destination: string; ports: string }[];
      removed: unknown[];
      changed: unknown[];
      unchanged: number;
    };
    assert.equal(diff.added.length, 7);
    assert.deepEqual(diff.added[2], { source: 'deployment/shop/db', destination: WORKER, ports: 'all' });
    assert.deepEqual(diff.removed, []);
    assert.deepEqual(diff.changed, [
      {
        source: 'deployment/shop/web',
        destination: 'deployment/shop/db',
        before: 'all',
        after: 'TCP:5432',
        widened: 'none',
      },
    ]);
    assert.equal(diff.unchanged, 5);
  });

  it('-o md gives tables for a pull-request comment, an empty section left out', () => {
    const run = netpol(['diff', 'before', 'after', '-o', 'md']);
    assert.equal(run.status, 0, run.stderr);
    assert.match(
      run.stdout,
      /^## NetworkPolicy connections\n\n7 added, 0 removed, 1 changed, 5 unchanged\.\n/,
    );
    assert.match(
      run.stdout,
      /^### Added \(7\)\n\n\| source \| destination \| ports \|\n\|---\|---\|---\|\n/m,
    );
    assert.match(run.stdout, /^\| `deployment\/shop\/web` \| `deployment\/shop\/worker` \| `all` \|$/m);
    assert.match(
      run.stdout,
      /^### Changed \(1\)\n\n\| source \| destination \| ports before \| ports after \| new ports \|\n\|---\|---\|---\|---\|---\|\n\| `deployment\/shop\/web` \| `deployment\/shop\/db` \| `all` \| `TCP:5432` \| `none` \|\n$/m,
    );
    assert.doesNotMatch(run.stdout, /Removed/);
  });

  it('a broken YAML file is reported at its file:line:col and exits 2', () => {
    const run = netpol(['diff', 'before', 'broken.yaml', '--fail-on-new']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /^broken\.yaml:5:1: error: document 1: invalid YAML: /m);
    assert.match(run.stderr, /^error: no usable manifests$/m);
    assert.equal(run.stdout, '');
  });

  it('an input error on one side is printed and exits 2, after the diff of what could be read', () => {
    const run = netpol(['diff', 'before', '../no-silent-drops/malformed-workload.yaml']);
    assert.equal(run.status, 2);
    assert.match(
      run.stderr,
      /^\.\.\/no-silent-drops\/malformed-workload\.yaml:23:11: error: Deployment\/db: invalid spec\.template\.spec\.containers\[0\]\.ports: must be a list, got a map$/m,
    );
    assert.match(run.stdout, /^- deployment\/shop\/web -> deployment\/shop\/db {2}all$/m);
  });

  it('a path that does not exist exits 2', () => {
    const run = netpol(['diff', 'missing', 'after']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /^missing: error: cannot read: no such file or directory$/m);
    assert.equal(run.stdout, '');
  });
});
