import { writeFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { CHECKS } from '../checks/registry.ts';
import { loadConfig } from '../config/load-config.ts';
import { UsageError } from '../model/errors.ts';
import { SEVERITIES } from '../model/severity.ts';
import type { Severity } from '../model/severity.ts';
import { targetPolicyErrors } from '../pss/target.ts';
import { terminalWidth } from '../render/columns.ts';
import { OUTPUT_FORMATS, RENDERERS } from '../render/index.ts';
import type { OutputFormat } from '../render/index.ts';
import { renderDiagnostics } from '../render/table.ts';
import { loadInputs } from '../scan/inputs.ts';
import { scanExitCode, scanLoaded } from '../scan/scan.ts';
import { useColor } from './color.ts';

interface ScanFlags {
  readonly filename: readonly string[];
  readonly recursive: boolean;
  readonly namespace?: string;
  readonly defaultNamespace?: string;
  readonly output: OutputFormat;
  readonly outputFile?: string;
  readonly failOn?: Severity | 'none';
  readonly config?: string;
  readonly ignoreAnnotations: boolean;
  readonly showSuppressed: boolean;
  readonly color: boolean;
  readonly pssLevel?: string;
  readonly pssVersion?: string;
}

const collect = (value: string, previous: readonly string[]): string[] => [...previous, value];

/** `kubeward scan`: check manifests, a cluster dump or a node's files. */
export function scanCommand(): Command {
  return new Command('scan')
    .summary('check manifests, a cluster dump or a node directory')
    .description(
      'Check Kubernetes manifests against the hardening checks and print the findings.\n\n' +
        'Inputs are files, directories (walked for .yaml, .yml and .json) or - for stdin, given as\n' +
        'arguments or with -f. Scan a live cluster with:\n' +
        '  kubectl get deploy,ds,sts,cronjob,job,pod,svc,ingress,netpol,ns,sa,role,rolebinding,clusterrole,clusterrolebinding -A -o yaml | kubeward scan -f -',
    )
    .argument('[paths...]', 'files or directories to scan (same as -f)')
    .option('-f, --filename <path>', 'file, directory or - for stdin (repeatable)', collect, [])
    .option('-R, --recursive', 'walk directories recursively (default)', true)
    .option('--no-recursive', 'read only the top level of directories')
    .option('-n, --namespace <name>', 'report only objects in this namespace')
    .option('--default-namespace <name>', 'namespace of objects that name none', 'default')
    .addOption(new Option('-o, --output <format>', 'output format').choices(OUTPUT_FORMATS).default('table'))
    .option('--output-file <path>', 'write the report to a file instead of stdout')
    .addOption(
      new Option(
        '--fail-on <severity>',
        'exit 1 when a finding is at or above this severity (none: never)',
      ).choices([...SEVERITIES, 'none']),
    )
    .addOption(
      new Option('--pss-level <level>', 'Pod Security Standards level to hold workloads to').choices([
        'baseline',
        'restricted',
      ]),
    )
    .option('--pss-version <version>', 'Pod Security Standards version: v1.0 … v1.37 or latest')
    .option('--config <path>', 'config file (default: .kubeward.yaml in the working directory, if present)')
    .option('--ignore-annotations', 'do not honour kubeward.io/ignore annotations', false)
    .option('--show-suppressed', 'list suppressed findings in the table', false)
    .option('--no-color', 'never colour the table')
    .action(async (paths: string[], flags: ScanFlags) => {
      const inputs = [...paths, ...flags.filename];
      if (inputs.length === 0)
        throw new UsageError('nothing to scan: give files, directories or -f - (see kubeward scan --help)');
      const loaded = await loadInputs(inputs, { recursive: flags.recursive });
      const config = loadConfig(flags.config, CHECKS);
      const settings = {
        ...config.run.settings,
        ...(flags.pssLevel === undefined ? {} : { pssLevel: flags.pssLevel }),
        ...(flags.pssVersion === undefined ? {} : { pssVersion: flags.pssVersion }),
      };
      const errors = targetPolicyErrors(settings);
      if (errors.length > 0) throw new UsageError(errors.join('; '));
      const run = {
        ...config.run,
        settings,
        honourAnnotations: config.run.honourAnnotations && !flags.ignoreAnnotations,
      };
      const files = loaded.resources.map((resource) => resource.origin.file);
      const warned = { ...loaded, diagnostics: [...loaded.diagnostics, ...config.unmatchedPaths(files)] };
      const { report } = scanLoaded(warned, {
        checks: CHECKS,
        run,
        now: new Date(),
        ...(flags.defaultNamespace === undefined ? {} : { defaultNamespace: flags.defaultNamespace }),
        ...(flags.namespace === undefined ? {} : { namespace: flags.namespace }),
      });
      process.stderr.write(renderDiagnostics(report));
      const text = RENDERERS[flags.output](report, {
        color: useColor(flags.color, flags.outputFile === undefined ? process.stdout : undefined),
        showSuppressed: flags.showSuppressed,
        baseDirectory: process.cwd(),
        width: terminalWidth(flags.outputFile === undefined ? process.stdout : undefined),
      });
      if (flags.outputFile === undefined) process.stdout.write(text);
      else writeFileSync(flags.outputFile, text);
      process.exitCode = scanExitCode(report, flags.failOn ?? config.failOn ?? 'high');
    });
}
