import { findFiles } from '../load/find-files.ts';
import { load } from '../load/load.ts';
import { importTestModule, isTestModuleName, isTestModulePath } from '../load/test-module.ts';
import type { Diagnostic } from '../model/diagnostic.ts';
import { resourceKey } from '../model/resource.ts';
import type { Resource } from '../model/resource.ts';
import { testModuleOf } from '../policy/module/module-tests.ts';
import { runTestModule } from '../policy/module/run-module.ts';
import { DEFAULT_TEST_TIMEOUT_MS, withinTimeLimit } from '../policy/module/time-limit.ts';
import { subjectRef } from '../policy/result.ts';
import type { PolicyProblem, TestResult } from '../policy/result.ts';
import { admissionSuite, runAdmissionSuite } from '../policy/vap/run-vap.ts';
import type { Operation } from '../policy/vap/request.ts';

/** What `kubeward test` runs: policies, manifests, and how to build admission requests. */
export interface PolicyRunOptions {
  /**
   * Policy files or directories: VAP/binding manifests (YAML/JSON) and test modules (.ts/.js; in a
   * directory only `*.policy-test.ts` and the like).
   */
  readonly policies: readonly string[];
  /** Manifests to test (files, directories or `-`). */
  readonly manifests: readonly string[];
  readonly operation: Operation;
  /** Old objects for UPDATE. */
  readonly oldObjects: readonly string[];
  readonly defaultNamespace: string;
  /** Time a test module has to load, and each of its tests to settle, in ms (default 10 s). */
  readonly testTimeout?: number;
  /** Most bytes one file may hold (`--max-file-size`); the loader's default when not given. */
  readonly maxFileSize?: number;
}

/** Every result, plus problems with policies and diagnostics from loading. */
export interface PolicyRun {
  readonly results: readonly TestResult[];
  readonly problems: readonly PolicyProblem[];
  readonly diagnostics: readonly Diagnostic[];
  /** Every file the run read or imported (policies, modules, manifests, old objects). */
  readonly files: readonly string[];
}

/** Only Kubernetes objects are tested; node configuration files among the inputs are not. */
function subjectsOf(resources: readonly Resource[]): readonly Resource[] {
  return resources.filter((resource) => resource.role === 'object');
}

/** Warnings for UPDATE subjects without an old object (evaluated with oldObject null). */
function missingOldObjects(subjects: readonly Resource[], old: readonly Resource[]): Diagnostic[] {
  const known = new Set(old.map(resourceKey));
  return subjects
    .filter((subject) => !known.has(resourceKey(subject)))
    .map((subject) => {
      const ref = subjectRef(subject);
      return {
        level: 'warning',
        file: ref.file,
        line: ref.line,
        column: 1,
        message: `${resourceKey(subject)} has no old object; evaluated with oldObject null`,
      };
    });
}

/**
 * Loads policies and manifests and runs every test: each admission policy binding on each request
 * it matches, each module test on each resource of its kinds. Params are looked up among the policy
 * files and the manifests together. Problems with a policy or module are reported, never thrown.
 */
export async function runPolicies(options: PolicyRunOptions): Promise<PolicyRun> {
  const timeout = options.testTimeout ?? DEFAULT_TEST_TIMEOUT_MS;
  const modules = findFiles(options.policies, { named: isTestModulePath, found: isTestModuleName });
  const policyManifests = options.policies.filter((path) => !isTestModulePath(path));
  const read = {
    recursive: true,
    ...(options.maxFileSize === undefined ? {} : { maxFileSize: options.maxFileSize }),
  };
  const [policies, manifests, old] = await Promise.all([
    policyManifests.length > 0 ? load(policyManifests, read) : undefined,
    load(options.manifests, read),
    options.oldObjects.length > 0 ? load(options.oldObjects, read) : undefined,
  ]);
  const policyResources = policies?.resources ?? [];
  const subjects = subjectsOf(manifests.resources);
  const suite = admissionSuite(policyResources);
  const problems: PolicyProblem[] = [...suite.problems];
  const results: TestResult[] = runAdmissionSuite(suite, subjects, {
    operation: options.operation,
    oldObjects: old?.resources ?? [],
    paramPool: [...policyResources, ...subjects],
    defaultNamespace: options.defaultNamespace,
  });
  for (const path of modules.files) {
    try {
      const imported = await withinTimeLimit(
        importTestModule(path, read),
        timeout,
        `test module did not finish loading within ${String(timeout)} ms`,
      );
      for (const result of await runTestModule(testModuleOf(imported), subjects, { timeout }))
        results.push(result);
    } catch (error) {
      problems.push({ file: path, line: 0, message: error instanceof Error ? error.message : String(error) });
    }
  }
  if (policyResources.length === 0 && modules.files.length === 0)
    problems.push({
      file: options.policies.join(', '),
      line: 0,
      message: 'no ValidatingAdmissionPolicy and no test module (*.policy-test.ts, .mts, .js or .mjs) found',
    });
  const diagnostics = [
    ...modules.diagnostics,
    ...(policies?.diagnostics ?? []),
    ...manifests.diagnostics,
    ...(old?.diagnostics ?? []),
    ...(options.operation === 'UPDATE' ? missingOldObjects(subjects, old?.resources ?? []) : []),
  ];
  const loaded = [...policyResources, ...manifests.resources, ...(old?.resources ?? [])];
  return {
    results,
    problems,
    diagnostics,
    files: [
      ...new Set([
        ...modules.files,
        ...loaded.map((resource) => resource.origin.file),
        ...diagnostics.map((diagnostic) => diagnostic.file),
      ]),
    ],
  };
}
