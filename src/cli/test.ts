import { writeFileSync } from 'node:fs';
import { formatDiagnostic } from '../model/diagnostic.ts';
import { UsageError } from '../model/errors.ts';
import { isFailing } from '../policy/result.ts';
import { terminalWidth } from '../render/columns.ts';
import { renderTestReport } from '../render/policy/index.ts';
import type { TestOutputFormat } from '../render/policy/formats.ts';
import { runPolicies } from '../scan/policies.ts';
import type { Operation } from '../policy/vap/request.ts';

/** The flags of `kubeward test`, as commander parses them. */
export interface TestFlags {
  readonly filename: readonly string[];
  readonly maxFileSize: number;
  readonly output: TestOutputFormat;
  readonly outputFile?: string;
  readonly operation: Operation;
  readonly oldObject: readonly string[];
  readonly defaultNamespace: string;
}

/**
 * `kubeward test POLICY... -f MANIFESTS`: unit tests for configuration. POLICY is a
 * ValidatingAdmissionPolicy manifest (with bindings and params), a TypeScript/JavaScript test module,
 * or a directory of either. Exit 1 when a test fails, 2 when a policy or input is broken.
 */
export async function runPolicyTests(policies: string[], flags: TestFlags): Promise<void> {
  if (flags.filename.length === 0)
    throw new UsageError('nothing to test: give manifests with -f (see kubeward test --help)');
  if (flags.operation === 'UPDATE' && flags.oldObject.length === 0)
    throw new UsageError('--operation UPDATE needs the old objects: --old-object FILE');
  if (flags.operation !== 'UPDATE' && flags.oldObject.length > 0)
    throw new UsageError('--old-object is only used with --operation UPDATE');
  const run = await runPolicies({
    policies,
    manifests: flags.filename,
    operation: flags.operation,
    oldObjects: flags.oldObject,
    defaultNamespace: flags.defaultNamespace,
    maxFileSize: flags.maxFileSize,
  });
  for (const diagnostic of run.diagnostics) process.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
  for (const problem of run.problems)
    process.stderr.write(
      `${problem.line > 0 ? `${problem.file}:${String(problem.line)}` : problem.file}: error: ${problem.message}\n`,
    );
  const text = renderTestReport(
    flags.output,
    run.results,
    run.problems,
    process.cwd(),
    terminalWidth(flags.outputFile === undefined ? process.stdout : undefined),
  );
  if (flags.outputFile === undefined) process.stdout.write(text);
  else writeFileSync(flags.outputFile, text);
  const broken =
    run.problems.length > 0 || run.diagnostics.some((diagnostic) => diagnostic.level === 'error');
  process.exitCode = broken ? 2 : run.results.some((result) => isFailing(result.outcome)) ? 1 : 0;
}
