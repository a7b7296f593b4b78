import { containersOf } from '../../model/containers.ts';
import { getAt } from '../../model/path.ts';
import type { Resource } from '../../model/resource.ts';
import { podTemplateOf } from '../../model/workload.ts';
import type { TestResult } from '../result.ts';
import { subjectRef } from '../result.ts';
import { TestSkipped, TestStopped, assertions } from './assertions.ts';
import type { TestContext } from './context.ts';
import type { TestModule } from './module-tests.ts';
import { DEFAULT_TEST_TIMEOUT_MS, TimeLimitExceeded, withinTimeLimit } from './time-limit.ts';

/** How {@link runTestModule} runs each test. */
export interface ModuleRunOptions {
  /** Time each test has to settle, in milliseconds ({@link DEFAULT_TEST_TIMEOUT_MS} when absent). */
  readonly timeout?: number;
}

async function runOne(
  module: TestModule,
  test: TestModule['tests'][number],
  resource: Resource,
  timeout: number,
): Promise<TestResult> {
  const failures: string[] = [];
  const subject = subjectRef(resource);
  const podSpec = podTemplateOf(resource, resource.namespace ?? 'default')?.podSpec;
  const base = { test: `${module.name}#${test.name}`, source: module.file, subject };
  const context: TestContext = {
    ...assertions(failures),
    spec: resource.object,
    object: resource.object,
    apiVersion: resource.apiVersion,
    kind: resource.kind,
    resource: subject,
    get: (...path) => getAt(resource.object, path),
    podSpec,
    containers: podSpec === undefined ? [] : [...containersOf(podSpec)],
  };
  try {
    await withinTimeLimit(
      (async () => {
        await test.run(context);
      })(),
      timeout,
      `test timed out: it did not settle within ${String(timeout)} ms`,
    );
  } catch (error) {
    if (error instanceof TimeLimitExceeded)
      return { ...base, outcome: 'error', messages: [...failures, error.message] };
    if (error instanceof TestSkipped) return { ...base, outcome: 'skip', messages: [error.message] };
    if (!(error instanceof TestStopped))
      return {
        ...base,
        outcome: 'error',
        messages: [...failures, `test threw: ${error instanceof Error ? error.message : String(error)}`],
      };
  }
  return { ...base, outcome: failures.length === 0 ? 'pass' : 'fail', messages: failures };
}

/**
 * Runs every test of a module on every resource of the kinds it declares (all when none):
 * no failed assertion = pass, recorded failures = fail, a thrown error = error, `skip()` = skip.
 * Tests run one after another, in resource order; one that has not settled after `options.timeout`
 * ms is an error, and the next one runs.
 */
export async function runTestModule(
  module: TestModule,
  resources: readonly Resource[],
  options: ModuleRunOptions = {},
): Promise<TestResult[]> {
  const timeout = options.timeout ?? DEFAULT_TEST_TIMEOUT_MS;
  const results: TestResult[] = [];
  for (const resource of resources) {
    if (module.kinds !== undefined && !module.kinds.includes(resource.kind)) continue;
    for (const test of module.tests) results.push(await runOne(module, test, resource, timeout));
  }
  return results;
}
