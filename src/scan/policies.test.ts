// `kubeward test` end to end: policies and manifests from files, the four output formats, and the
// exit codes (0 clean, 1 a test failed, 2 a broken policy or usage error).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { renderTestReport } from '../render/policy/index.ts';
import { runPolicies } from './policies.ts';

const DIR = 'testdata/policy/cli';

const runFixture = (manifests: string) =>
  runPolicies({
    policies: [`${DIR}/policy.yaml`],
    manifests: [`${DIR}/${manifests}`],
    operation: 'CREATE',
    oldObjects: [],
    defaultNamespace: 'default',
  });

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const code = `import { testCommand } from './src/cli/commands/test.ts';
await testCommand().exitOverride().parseAsync(['node', 'kubeward', ...${JSON.stringify(args)}]).catch((error) => { process.stderr.write(String(error.message) + '\\n'); process.exitCode = 2; });`;
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('runPolicies and the reports', async () => {
  const run = await runFixture('manifests.yaml');
  it('gives one result per resource and test, with file and line', () => {
    assert.deepEqual(
      run.results.map((result) => [
        result.test,
        result.subject.name,
        result.subject.line,
        result.outcome,
        ...result.messages,
      ]),
      [
        ['max-replicas', 'small', 1, 'pass'],
        [
          'max-replicas',
          'big',
          9,
          'fail',
          "ValidatingAdmissionPolicy 'max-replicas' denied request: replicas must be at most 5, not 9",
        ],
      ],
    );
  });
  it('table', () => {
    const table = renderTestReport('table', run.results, run.problems, process.cwd());
    assert.match(table, /^RESULT {3}TEST {11}RESOURCE {16}LOCATION {31}MESSAGE$/m);
    assert.match(
      table,
      /^FAIL {5}max-replicas {3}Deployment shop\/big {5}testdata\/policy\/cli\/manifests\.yaml:9 {3}ValidatingAdmissionPolicy/m,
    );
    assert.match(table, /2 tests, 1 passed, 1 failed, 0 warnings, 0 audited, 0 skipped, 0 errors\n$/);
  });
  it('tap', () => {
    const tap = renderTestReport('tap', run.results, run.problems, process.cwd());
    assert.match(
      tap,
      /^TAP version 13\n1\.\.2\nok 1 - max-replicas Deployment shop\/small\nnot ok 2 - max-replicas Deployment shop\/big\n {2}---\n {2}outcome: fail\n {2}at: "testdata\/policy\/cli\/manifests\.yaml:9"\n/,
    );
  });
  it('junit', () => {
    const junit = renderTestReport('junit', run.results, run.problems, process.cwd());
    assert.match(junit, /<testsuite name="max-replicas" tests="2" failures="1" errors="0" skipped="0">/);
    assert.match(
      junit,
      /<testcase name="Deployment shop\/big" classname="max-replicas">\n {6}<failure message="ValidatingAdmissionPolicy &apos;max-replicas&apos; denied request: replicas must be at most 5, not 9" type="fail">testdata\/policy\/cli\/manifests\.yaml:9: ValidatingAdmissionPolicy/,
    );
  });
  it('json', () => {
    const json = JSON.parse(renderTestReport('json', run.results, run.problems, process.cwd())) as {
      summary: Record<string, number>;
      results: unknown[];
    };
    assert.deepEqual(json.summary, { pass: 1, fail: 1, warn: 0, audit: 0, skip: 0, error: 0, total: 2 });
    assert.equal(json.results.length, 2);
  });
});

describe('kubeward test exit codes', () => {
  it('0 when every test passes', () => {
    const result = cli(`${DIR}/policy.yaml`, '-f', `${DIR}/good.yaml`, '-o', 'json');
    assert.equal(result.status, 0, result.stderr);
  });
  it('1 when a test fails', () => {
    const result = cli(`${DIR}/policy.yaml`, '-f', `${DIR}/manifests.yaml`, '-o', 'tap');
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stdout, /not ok 2 - max-replicas Deployment shop\/big/);
  });
  it('2 for a broken policy, with the reason on stderr', () => {
    const result = cli(`${DIR}/broken-policy.yaml`, '-f', `${DIR}/good.yaml`);
    assert.equal(result.status, 2);
    assert.match(
      result.stderr,
      /broken-policy\.yaml:1: error: ValidatingAdmissionPolicy broken: spec\.matchConstraints\.resourceRules is required/,
    );
  });
});
