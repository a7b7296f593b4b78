import { CHECKS } from '../checks/registry.ts';
import { loadConfig } from '../config/load-config.ts';
import { UsageError } from '../model/errors.ts';
import type { FrameworkId } from '../model/frameworks/framework.ts';
import { FRAMEWORK_CATALOGUES } from '../model/frameworks/index.ts';
import type { Severity } from '../model/severity.ts';
import { targetPolicyErrors } from '../pss/target.ts';
import { terminalWidth } from '../render/columns.ts';
import { RENDERERS } from '../render/index.ts';
import { renderHtmlReport } from '../render/html.ts';
import { reportGraphs } from '../report/graphs.ts';
import type { OutputFormat } from '../render/formats.ts';
import { renderDiagnostics } from '../render/table.ts';
import { readBaselineFile } from '../load/baseline-file.ts';
import { renderBaseline } from '../render/baseline.ts';
import { parseBaseline } from '../scan/baseline.ts';
import { filesOf, loadInputs } from '../scan/inputs.ts';
import { scanExitCode, scanLoaded } from '../scan/scan.ts';
import { readLiveCluster } from './cluster.ts';
import { useColor } from './color.ts';
import { readsCluster } from './commands/cluster-options.ts';
import type { ClusterFlags } from './commands/cluster-options.ts';
import type { ScanInput } from '../scan/scan.ts';
import { refuseInputAsOutput, writeOutputFile, writeReport } from './output-file.ts';

/** The flags of `kubeward scan`, as commander parses them. */
export interface ScanFlags extends ClusterFlags {
  readonly filename: readonly string[];
  readonly kustomize: readonly string[];
  readonly helm: readonly string[];
  readonly values: readonly string[];
  readonly set: readonly string[];
  readonly release?: string;
  readonly recursive: boolean;
  readonly maxFileSize: number;
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
  readonly framework?: FrameworkId;
  readonly kubernetesVersion?: string;
  readonly check: readonly string[];
  readonly skip: readonly string[];
  readonly minSeverity?: Severity;
  readonly summary: boolean;
  readonly graphs: boolean;
  readonly baseline?: string;
  readonly writeBaseline?: string;
}

/** `kubeward scan`: check manifests, a cluster dump or a node's files, and print the findings. */
export async function scan(paths: string[], flags: ScanFlags): Promise<void> {
  const inputs = [...paths, ...flags.filename];
  const live = readsCluster(flags);
  const fromFiles = inputs.length > 0 || flags.kustomize.length > 0 || flags.helm.length > 0;
  if (live && fromFiles)
    throw new UsageError('scan reads either files or a live cluster (--kubeconfig, --context, -A), not both');
  if (!live && !fromFiles)
    throw new UsageError(
      'nothing to scan: give files, directories, -f -, -k DIR or --helm DIR, or read a live cluster with --context NAME or -A (see kubeward scan --help)',
    );
  if (flags.graphs && flags.output !== 'json' && flags.output !== 'yaml' && flags.output !== 'html')
    throw new UsageError(
      `--graphs adds the graphs to -o json and -o yaml (and -o html draws them); not to -o ${flags.output}`,
    );
  if (flags.summary && flags.output !== 'table')
    throw new UsageError(`--summary prints the table's scorecard; with -o ${flags.output}, read its summary`);
  const baseline =
    flags.baseline === undefined
      ? undefined
      : parseBaseline(flags.baseline, readBaselineFile(flags.baseline, flags.maxFileSize));
  const cluster = live ? await liveInput(flags) : undefined;
  const loaded =
    cluster?.input ??
    (await loadInputs(inputs, {
      recursive: flags.recursive,
      maxFileSize: flags.maxFileSize,
      kustomize: flags.kustomize,
      helm: flags.helm,
      helmOptions: {
        values: flags.values,
        set: flags.set,
        ...(flags.release === undefined ? {} : { release: flags.release }),
        ...(flags.namespace === undefined ? {} : { namespace: flags.namespace }),
      },
    }));
  const config = loadConfig(flags.config, CHECKS, flags.maxFileSize);
  const settings = {
    ...config.run.settings,
    ...(flags.pssLevel === undefined ? {} : { pssLevel: flags.pssLevel }),
    ...(flags.pssVersion === undefined ? {} : { pssVersion: flags.pssVersion }),
    ...(flags.kubernetesVersion === undefined ? {} : { kubernetesVersion: flags.kubernetesVersion }),
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
  const namespace = cluster === undefined ? flags.namespace : cluster.namespace;
  const result = scanLoaded(warned, {
    checks: CHECKS,
    run,
    now: new Date(),
    ...(flags.defaultNamespace === undefined ? {} : { defaultNamespace: flags.defaultNamespace }),
    ...(namespace === undefined ? {} : { namespace }),
    ...(flags.framework === undefined ? {} : { framework: FRAMEWORK_CATALOGUES[flags.framework] }),
    selection: { only: flags.check, skip: flags.skip },
    ...(flags.minSeverity === undefined ? {} : { minSeverity: flags.minSeverity }),
    ...(baseline === undefined ? {} : { baseline }),
  });
  const report =
    flags.output === 'html' || flags.graphs
      ? { ...result.report, graphs: reportGraphs(result.inventory, settings) }
      : result.report;
  process.stderr.write(renderDiagnostics(report));
  const options = {
    color: useColor(flags.color, flags.outputFile === undefined ? process.stdout : undefined),
    showSuppressed: flags.showSuppressed,
    baseDirectory: process.cwd(),
    width: terminalWidth(flags.outputFile === undefined ? process.stdout : undefined),
    summaryOnly: flags.summary,
  };
  const chunks =
    flags.output === 'html' ? [await renderHtmlReport(report)] : RENDERERS[flags.output](report, options);
  const read = [
    ...inputs,
    ...flags.values,
    ...(config.file === undefined ? [] : [config.file]),
    ...filesOf(warned),
  ];
  if (flags.writeBaseline !== undefined) {
    refuseInputAsOutput(flags.writeBaseline, read, '--write-baseline');
    await writeOutputFile(flags.writeBaseline, renderBaseline(result.baseline));
  }
  await writeReport(chunks, flags.outputFile, [
    ...read,
    ...(flags.baseline === undefined ? [] : [flags.baseline]),
  ]);
  process.exitCode = scanExitCode(report, flags.failOn ?? config.failOn ?? 'high');
}

/** The objects of the live cluster the flags name, as a scan input, and the namespace they were read from. */
async function liveInput(flags: ScanFlags): Promise<{ input: ScanInput; namespace: string | undefined }> {
  const read = await readLiveCluster(
    flags,
    flags.namespace === undefined ? {} : { namespace: flags.namespace },
  );
  return {
    input: { resources: read.resources, diagnostics: read.diagnostics, files: 0 },
    namespace: read.namespace,
  };
}
