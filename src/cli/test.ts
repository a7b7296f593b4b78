import { writeFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { formatDiagnostic } from '../model/diagnostic.ts';
import { UsageError } from '../model/errors.ts';
import { terminalWidth } from '../render/columns.ts';
import { TEST_OUTPUT_FORMATS, renderTestReport } from '../render/policy/index.ts';
import type { TestOutputFormat } from '../render/policy/index.ts';
import { isFailing } from '../policy/result.ts';
import { runPolicies } from '../scan/policies.ts';
import type { Operation } from '../policy/vap/request.ts';

interface TestFlags {
  readonly filename: readonly string[];
  readonly output: TestOutputFormat;
  readonly outputFile?: string;
  readonly operation: Operation;
  readonly oldObject: readonly string[];
  readonly defaultNamespace: string;
}

const collect = (value: string, previous: readonly string[]): string[] => [...previous, value];

/**
 * `kubeward test POLICY... -f MANIFESTS`: unit tests for configuration. POLICY is a
 * ValidatingAdmissionPolicy manifest (with bindings and params), a TypeScript/JavaScript test module,
 * or a directory of either. Exit 1 when a test fails, 2 when a policy or input is broken.
 */
export function testCommand(): Command {
  return new Command('test')
    .summary('run policy tests (ValidatingAdmissionPolicy or TypeScript) against manifests')
    .description(
      'Run unit tests for configuration, offline: ValidatingAdmissionPolicies and their bindings,\n' +
        'evaluated with the API server semantics (CEL), and TypeScript/JavaScript test modules whose\n' +
        'test… functions receive each resource and assertion helpers. One result per resource and test.\n\n' +
        'Examples:\n' +
        '  kubeward test examples/policies/team-label.yaml -f examples/insecure\n' +
        '  kubeward test examples/policies -f manifests/ -o junit --output-file report.xml\n' +
        '  kubeward test policy.yaml -f new.yaml --operation UPDATE --old-object old.yaml',
    )
    .argument('<policies...>', 'policy manifests, test modules (.ts, .js) or directories')
    .option(
      '-f, --filename <path>',
      'manifests to test: file, directory or - for stdin (repeatable)',
      collect,
      [],
    )
    .addOption(
      new Option('-o, --output <format>', 'output format').choices(TEST_OUTPUT_FORMATS).default('table'),
    )
    .option('--output-file <path>', 'write the report to a file instead of stdout')
    .addOption(
      new Option('--operation <operation>', 'admission operation to evaluate')
        .choices(['CREATE', 'UPDATE', 'DELETE'])
        .default('CREATE'),
    )
    .option(
      '--old-object <path>',
      'old objects for UPDATE, matched by kind, namespace and name (repeatable)',
      collect,
      [],
    )
    .option('--default-namespace <name>', 'namespace of objects that name none', 'default')
    .action(async (policies: string[], flags: TestFlags) => {
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
    });
}
