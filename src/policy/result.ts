import type { Resource } from '../model/resource.ts';

/** Outcome of one test on one resource. `fail` and `error` fail the run. */
export type TestOutcome = 'pass' | 'fail' | 'warn' | 'audit' | 'skip' | 'error';

/** Where a tested resource came from. */
export interface SubjectRef {
  readonly kind: string;
  readonly namespace: string | undefined;
  readonly name: string;
  readonly file: string;
  readonly line: number;
}

/** One row of a test report: a test (policy binding or module test) applied to one resource. */
export interface TestResult {
  /** The test's name: `<policy>` or `<policy>/<binding>` for a VAP, `<module>#<test>` for a module. */
  readonly test: string;
  /** The file that defines the test. */
  readonly source: string;
  readonly subject: SubjectRef;
  readonly outcome: TestOutcome;
  readonly messages: readonly string[];
}

/** A problem with a policy or module itself (not with a tested resource). */
export interface PolicyProblem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

/** The reference of a resource, with the line of its first key. */
export function subjectRef(resource: Resource): SubjectRef {
  return {
    kind: resource.kind,
    namespace: resource.namespace,
    name: resource.name,
    file: resource.origin.file,
    line: resource.origin.locate([]).line,
  };
}

/** Whether an outcome fails the run (exit 1). */
export function isFailing(outcome: TestOutcome): boolean {
  return outcome === 'fail' || outcome === 'error';
}
