import { formatDiagnostic } from '../model/diagnostic.ts';
import { UsageError } from '../model/errors.ts';
import { isFailing } from '../policy/result.ts';
import { terminalWidth } from '../render/columns.ts';
import { renderTestReport } from '../render/policy/index.ts';
import type { TestOutputFormat } from '../render/policy/formats.ts';
import { runPolicies } from '../scan/policies.ts';
import type { Operation } from '../policy/vap/request.ts';
import { writeReport } from './output-file.ts';

/** The flags of `kubeward test`, as commander parses them. */
export interface TestFlags {
  readonly filename: readonly string[];
  readonly maxFileSize: number;
  readonly output: TestOutputFormat;
  readonly outputFile?: string;
  readonly operation: Operation;
  readonly oldObject: readonly string[];
  readonly defaultNamespace: string;
  readonly testTimeout: string;
}

/** How long `kubeward test` waits, once its report is written, for what modules left running. */
const LINGER_MS = 1000;

/**
 * `kubeward test POLICY... -f MANIFESTS`: unit tests for configuration. POLICY is a
 * ValidatingAdmissionPolicy manifest (with bindings and params), a TypeScript/JavaScript test module,
 * or a directory of either. Exit 1 when a test fails, 2 when a policy or input is broken. Timers or
 * sockets a module leaves open do not keep the process alive: it exits {@link LINGER_MS} after the
 * report at the latest.
 */
export async function runPolicyTests(policies: string[], flags: TestFlags): Promise<void> {
  if (flags.filename.length === 0)
    throw new UsageError('nothing to test: give manifests with -f (see kubeward test --help)');
  if (flags.operation === 'UPDATE' && flags.oldObject.length === 0)
    throw new UsageError('--operation UPDATE needs the old objects: --old-object FILE');
  if (flags.operation !== 'UPDATE' && flags.oldObject.length > 0)
    throw new UsageError('--old-object is only used with --operation UPDATE');
  const testTimeout = Number(flags.testTimeout);
  if (!Number.isInteger(testTimeout) || testTimeout <= 0 || testTimeout > 2 ** 31 - 1)
    throw new UsageError(
      `--test-timeout must be a positive number of milliseconds, got ${flags.testTimeout}`,
    );
  const run = await runPolicies({
    policies,
    manifests: flags.filename,
    operation: flags.operation,
    oldObjects: flags.oldObject,
    defaultNamespace: flags.defaultNamespace,
    testTimeout,
    maxFileSize: flags.maxFileSize,
  });
  setTimeout(() => {
    process.exit();
  }, LINGER_MS).unref();
  for (const diagnostic of run.diagnostics) process.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
  for (const problem of run.problems)
    process.stderr.write(
      `${formatDiagnostic({ level: 'error', file: problem.file, line: problem.line, column: 0, message: problem.message })}\n`,
    );
  const text = renderTestReport(
    flags.output,
    run.results,
    run.problems,
    process.cwd(),
    terminalWidth(flags.outputFile === undefined ? process.stdout : undefined),
  );
  await writeReport(text, flags.outputFile, [
    ...policies,
    ...flags.filename,
    ...flags.oldObject,
    ...run.files,
  ]);
  const broken =
    run.problems.length > 0 || run.diagnostics.some((diagnostic) => diagnostic.level === 'error');
  process.exitCode = broken ? 2 : run.results.some((result) => isFailing(result.outcome)) ? 1 : 0;
}
