// Test modules loaded with dynamic import(): .ts transpiled by kubeward's hooks, .mjs natively (kubetest's idea of unit
// tests for configuration, with kubeward's assertion helpers).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadSources } from '../../load/load.ts';
import { importTestModule } from '../../load/test-module.ts';
import { testModuleOf } from './module-tests.ts';
import type { TestModule } from './module-tests.ts';
import { runTestModule } from './run-module.ts';

// JavaScript modules are written to a temporary directory (fixtures outside the linted project).
const MODULES = mkdtempSync(join(tmpdir(), 'kubeward-modules-'));
const JAVASCRIPT: Readonly<Record<string, string>> = {
  'replicas.mjs': `// No kinds filter: sees every resource and skips what it does not test.
export default function replicas({ kind, get, assertTrue, skip }) {
  if (kind !== 'Deployment') skip('not a Deployment');
  assertTrue(get('spec', 'replicas') <= 5, 'at most 5 replicas');
}
export function testStops({ kind, failNow }) {
  if (kind === 'Service') failNow('services are stopped here');
}
`,
  'throws.mjs': 'export function testThrows({ spec }) { return spec.does.not.exist; }\n',
  'hangs.mjs': `export function testHangs() { return new Promise(() => {}); }
export function testNext({ assertTrue }) { assertTrue(true, 'runs after a test that timed out'); }
`,
  'empty.mjs': "export const kinds = ['Deployment'];\nexport function helper() {}\n",
};
for (const [name, text] of Object.entries(JAVASCRIPT)) writeFileSync(join(MODULES, name), text);
after(() => {
  rmSync(MODULES, { recursive: true, force: true });
});

/** Imports a module and reads its tests, as `kubeward test` does. */
async function loadTestModule(path: string): Promise<TestModule> {
  return testModuleOf(await importTestModule(path));
}

const resources = loadSources([
  {
    file: 'in.yaml',
    format: 'yaml',
    named: true,
    text: `apiVersion: apps/v1
kind: Deployment
metadata: {name: labelled, namespace: shop}
spec: {replicas: 2, template: {metadata: {labels: {team: a}}}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: unlabelled, namespace: shop}
spec: {replicas: 9, template: {metadata: {labels: {app: web}}}}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
`,
  },
]).resources;

describe('test modules', () => {
  it('a TypeScript module (examples/policies/team-label.policy-test.ts): passes and fails per Deployment', async () => {
    const module = await loadTestModule('examples/policies/team-label.policy-test.ts');
    const results = await runTestModule(module, resources);
    assert.deepEqual(
      results.map((result) => [
        result.test,
        result.subject.name,
        result.subject.line,
        result.outcome,
        result.messages,
      ]),
      [
        ['team-label#testForTeamLabel', 'labelled', 1, 'pass', []],
        [
          'team-label#testForTeamLabel',
          'unlabelled',
          6,
          'fail',
          ["should indicate which team owns the deployment: { app: 'web' } does not contain 'team'"],
        ],
      ],
    );
  });
  it('a JavaScript module: default export and test… exports, skip and failNow', async () => {
    const module = await loadTestModule(`${MODULES}/replicas.mjs`);
    assert.deepEqual(
      module.tests.map((test) => test.name),
      ['default', 'testStops'],
    );
    const results = await runTestModule(module, resources);
    assert.deepEqual(
      results.map((result) => [result.test, result.subject.name, result.outcome]),
      [
        ['replicas#default', 'labelled', 'pass'],
        ['replicas#testStops', 'labelled', 'pass'],
        ['replicas#default', 'unlabelled', 'fail'],
        ['replicas#testStops', 'unlabelled', 'pass'],
        ['replicas#default', 'web', 'skip'],
        ['replicas#testStops', 'web', 'fail'],
      ],
    );
  });
  it('a test that throws is an error, not a crash', async () => {
    const results = await runTestModule(await loadTestModule(`${MODULES}/throws.mjs`), resources);
    assert.equal(results[0]?.outcome, 'error');
    assert.match(results[0]?.messages[0] ?? '', /^test threw: /);
  });
  it('a test that never settles is an error after the time limit, and the next test runs', async () => {
    const module = await loadTestModule(`${MODULES}/hangs.mjs`);
    const results = await runTestModule(module, resources.slice(0, 1), { timeout: 50 });
    assert.deepEqual(
      results.map((result) => [result.test, result.outcome, ...result.messages]),
      [
        ['hangs#testHangs', 'error', 'test timed out: it did not settle within 50 ms'],
        ['hangs#testNext', 'pass'],
      ],
    );
  });
  it('a module without tests, or a missing module, is refused with a clear message', async () => {
    await assert.rejects(loadTestModule(`${MODULES}/empty.mjs`), /exports no test/);
    await assert.rejects(loadTestModule(`${MODULES}/missing.mjs`), /cannot load test module/);
  });
});
