// `kubeward test DIR` through the real CLI: which files a directory walk imports, symbolic links out
// of the directory, and tests or modules that never settle.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../testing/cli.ts';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop, labels: {team: a}}
spec: {replicas: 2, template: {metadata: {labels: {team: a}}}}
`;

/** A fresh directory holding `files` (name → text) and one Deployment in `manifests.yaml`. */
function fixture(files: Readonly<Record<string, string>>): string {
  const root = mkdtempSync(join(tmpdir(), 'kubeward-test-cmd-'));
  for (const [name, text] of Object.entries({ 'manifests.yaml': DEPLOYMENT, ...files })) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

const PASSING =
  "export function testTeam({ get, assertNotNil }) { assertNotNil(get('metadata', 'labels', 'team')); }\n";

describe('kubeward test DIR', () => {
  it('imports only *.policy-test modules from a directory, never the helpers beside them', () => {
    const root = fixture({
      'policies/team.policy-test.mjs': `import { label } from './helper.mjs';\n${PASSING}export const testLabel = ({ assertEqual }) => assertEqual(label, 'team');\n`,
      'policies/helper.mjs': "export const label = 'team';\n",
      'policies/throws.ts': "throw new Error('a helper was imported');\n",
      'policies/nested/more.policy-test.ts': `export function testNested(): void {}\n`,
    });
    const run = runCli(['test', join(root, 'policies'), '-f', join(root, 'manifests.yaml'), '-o', 'tap']);
    assert.equal(run.status, 0, run.stderr);
    assert.doesNotMatch(run.stderr + run.stdout, /a helper was imported/);
    assert.match(run.stdout, /^ok \d - team\\#testTeam Deployment shop\/web$/m);
    assert.match(run.stdout, /^ok \d - team\\#testLabel Deployment shop\/web$/m);
    assert.match(run.stdout, /^ok \d - more\\#testNested Deployment shop\/web$/m);
    assert.match(run.stdout, /^1\.\.3$/m);
  });

  it('imports a module named on the command line whatever its name', () => {
    const root = fixture({ 'helper.ts': "throw new Error('a helper was imported');\n" });
    const run = runCli(['test', join(root, 'helper.ts'), '-f', join(root, 'manifests.yaml')]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /helper\.ts: error: cannot load test module .*: a helper was imported/);
  });

  it('skips a symbolic link that leads out of the directory, with a warning', () => {
    const root = fixture({
      'policies/team.policy-test.mjs': PASSING,
      'elsewhere/outside.policy-test.mjs':
        "throw new Error('a module outside the directory was imported');\n",
    });
    symlinkSync(
      join(root, 'elsewhere', 'outside.policy-test.mjs'),
      join(root, 'policies', 'link.policy-test.mjs'),
    );
    const run = runCli(['test', join(root, 'policies'), '-f', join(root, 'manifests.yaml'), '-o', 'tap']);
    assert.equal(run.status, 0, run.stderr);
    assert.doesNotMatch(run.stderr, /outside the directory was imported/);
    assert.match(
      run.stderr,
      /link\.policy-test\.mjs: warning: symbolic link to .*elsewhere\/outside\.policy-test\.mjs, outside .*policies: skipped/,
    );
    assert.match(run.stdout, /^1\.\.1$/m);
  });

  it('says which names a directory walk looks for when it finds nothing', () => {
    const root = fixture({ 'policies/team.mjs': PASSING });
    const run = runCli(['test', join(root, 'policies'), '-f', join(root, 'manifests.yaml')]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /no test module \(\*\.policy-test\.ts, \.mts, \.js or \.mjs\) found/);
  });
});

describe('kubeward test with tests that never settle', () => {
  it('reports a test whose promise never settles as an error, exits 1, and runs the next test', () => {
    const root = fixture({
      'hangs.policy-test.mjs': `export function testHangs() { return new Promise(() => {}); }\n${PASSING}`,
    });
    const started = Date.now();
    const run = runCli([
      'test',
      root,
      '-f',
      join(root, 'manifests.yaml'),
      '--test-timeout',
      '200',
      '-o',
      'tap',
    ]);
    assert.equal(run.status, 1, run.stderr);
    assert.ok(Date.now() - started < 8000, 'bounded by the time limit');
    assert.match(run.stdout, /^not ok 1 - hangs\\#testHangs Deployment shop\/web\n[\s\S]*outcome: error/m);
    assert.match(run.stdout, /"test timed out: it did not settle within 200 ms"/);
    assert.match(run.stdout, /^ok 2 - hangs\\#testTeam Deployment shop\/web$/m);
  });

  it('ends the run even when a test leaves a timer running', () => {
    const root = fixture({
      'spins.policy-test.mjs':
        'export function testSpins() { return new Promise(() => { setInterval(() => {}, 50); }); }\n',
    });
    const run = runCli(['test', root, '-f', join(root, 'manifests.yaml'), '--test-timeout', '200'], {
      timeout: 20_000,
    });
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /test timed out: it did not settle within 200 ms/);
  });

  it('reports a module whose import never settles as broken: exit 2', () => {
    const root = fixture({
      'waits.policy-test.mjs': 'await new Promise(() => {});\nexport function testNever() {}\n',
    });
    const run = runCli(['test', root, '-f', join(root, 'manifests.yaml'), '--test-timeout', '200']);
    assert.equal(run.status, 2, run.stderr);
    assert.match(
      run.stderr,
      /waits\.policy-test\.mjs: error: test module did not finish loading within 200 ms/,
    );
  });

  it('refuses a --test-timeout that is not a positive number of milliseconds', () => {
    const root = fixture({ 'team.policy-test.mjs': PASSING });
    const run = runCli(['test', root, '-f', join(root, 'manifests.yaml'), '--test-timeout', '0']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /^error: --test-timeout must be a positive number of milliseconds, got 0$/m);
  });
});
