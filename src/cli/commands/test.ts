import { Command, Option } from 'commander';
import { TEST_OUTPUT_FORMATS } from '../../render/policy/formats.ts';
import type { TestFlags } from '../test.ts';
import { collect } from './collect.ts';
import { defaultNamespaceOption } from './default-namespace.ts';
import { maxFileSizeOption } from './max-file-size.ts';

/** `kubeward test POLICY... -f MANIFESTS`: unit tests for configuration (see ../test.ts). */
export function testCommand(): Command {
  return new Command('test')
    .summary('run policy tests (ValidatingAdmissionPolicy or TypeScript) against manifests')
    .description(
      'Run unit tests for configuration, offline: ValidatingAdmissionPolicies and their bindings,\n' +
        'evaluated with the API server semantics (CEL), and TypeScript/JavaScript test modules whose\n' +
        'test… functions receive each resource and assertion helpers. One result per resource and test.\n' +
        'Test modules are code: they run with your rights. In a directory only *.policy-test.ts\n' +
        '(.mts, .js, .mjs) files are imported.\n\n' +
        'Examples:\n' +
        '  kubeward test examples/policies/team-label.yaml -f examples/insecure\n' +
        '  kubeward test examples/policies -f manifests/ -o junit --output-file report.xml\n' +
        '  kubeward test policy.yaml -f new.yaml --operation UPDATE --old-object old.yaml',
    )
    .argument(
      '<policies...>',
      'policy manifests, test modules (.ts, .js) or directories (where modules are *.policy-test.ts)',
    )
    .option(
      '-f, --filename <path>',
      'manifests to test: file, directory or - for stdin (repeatable)',
      collect,
      [],
    )
    .addOption(maxFileSizeOption())
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
    .addOption(defaultNamespaceOption())
    .option(
      '--test-timeout <ms>',
      'time a test module has to load and each of its tests to settle, or it is an error',
      '10000',
    )
    .action(async (policies: string[], flags: TestFlags) => {
      const { runPolicyTests } = await import('../test.ts');
      await runPolicyTests(policies, flags);
    });
}
