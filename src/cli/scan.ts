import { CHECKS } from '../checks/registry.ts';
import { loadConfig } from '../config/load-config.ts';
import { UsageError } from '../model/errors.ts';
import { escapeControls } from '../model/terminal-text.ts';
import type { FrameworkId } from '../model/frameworks/framework.ts';
import { FRAMEWORK_CATALOGUES } from '../model/frameworks/index.ts';
import type { Severity } from '../model/severity.ts';
import { targetPolicyErrors } from '../pss/target.ts';
import { terminalWidth } from '../render/columns.ts';
import { RENDERERS } from '../render/index.ts';
import type { OutputFormat } from '../render/formats.ts';
import { renderDiagnostics } from '../render/table.ts';
import { readBaselineFile } from '../load/baseline-file.ts';
import { renderBaseline } from '../render/baseline.ts';
import { parseBaseline } from '../scan/baseline.ts';
import { filesOf, loadInputs } from '../scan/inputs.ts';
import { scanExitCode, scanLoaded } from '../scan/scan.ts';
import { readLiveCluster } from './cluster.ts';
import { useColor } from './color.ts';
import { inputSource, readOptionsOf } from './sources.ts';
import type { InputFlags } from './sources.ts';
import type { RegistryFlags } from './commands/registry-options.ts';
import { asksSignatures } from './commands/signature-options.ts';
import type { SignatureFlags } from './commands/signature-options.ts';
import type { Report } from '../report/report.ts';
import type { Inventory } from '../model/inventory.ts';
import { VERSION } from '../version.ts';
import type { ScanInput } from '../scan/scan.ts';
import type { Check } from '../model/check.ts';
import type { SignatureVerdict } from '../model/image-signature.ts';
import { refuseInputAsOutput, writeOutputFile, writeReport } from './output-file.ts';

/** The flags of `kubeward scan`, as commander parses them. */
export interface ScanFlags extends InputFlags, RegistryFlags, SignatureFlags {
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
  readonly images: boolean;
  readonly osvDb?: string;
}

/** `kubeward scan`: check manifests, a cluster dump or a node's files, and print the findings. */
export async function scan(paths: string[], flags: ScanFlags): Promise<void> {
  const inputs = [...paths, ...flags.filename];
  const source = inputSource('scan', paths, flags, { allNamespacesReadsCluster: true });
  if (source === 'none')
    throw new UsageError(
      'nothing to scan: give files, directories, -f -, -k DIR or --helm DIR, or read a live cluster with --context NAME or -A (see kubeward scan --help)',
    );
  if (flags.graphs && flags.output !== 'json' && flags.output !== 'yaml' && flags.output !== 'html')
    throw new UsageError(
      `--graphs adds the graphs to -o json and -o yaml (and -o html draws them); not to -o ${flags.output}`,
    );
  if (flags.summary && flags.output !== 'table')
    throw new UsageError(`--summary prints the table's scorecard; with -o ${flags.output}, read its summary`);
  if (asksSignatures(flags) && !flags.images)
    throw new UsageError('--key and --trusted-root verify the signatures of the images: add --images');
  const baseline =
    flags.baseline === undefined
      ? undefined
      : parseBaseline(flags.baseline, readBaselineFile(flags.baseline, flags.maxFileSize));
  const cluster = source === 'cluster' ? await liveInput(flags) : undefined;
  const loaded = cluster?.input ?? (await loadInputs(inputs, readOptionsOf(flags)));
  const config = await loadConfig(flags.config, CHECKS, flags.maxFileSize);
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
  const namespace =
    cluster === undefined ? (flags.allNamespaces === true ? undefined : flags.namespace) : cluster.namespace;
  const signatures = flags.images && asksSignatures(flags) ? await signatureCheck(warned, flags) : undefined;
  const vulnerable = flags.images
    ? await (await import('./scan-vulnerabilities.ts')).imageVulnerabilities(warned, flags)
    : undefined;
  const imageChecks = [signatures, vulnerable].filter((check) => check !== undefined);
  const result = scanLoaded(warned, {
    checks: imageChecks.length === 0 ? CHECKS : [...CHECKS, ...imageChecks],
    run,
    now: new Date(),
    ...(flags.defaultNamespace === undefined ? {} : { defaultNamespace: flags.defaultNamespace }),
    ...(namespace === undefined ? {} : { namespace }),
    ...(flags.framework === undefined ? {} : { framework: FRAMEWORK_CATALOGUES[flags.framework] }),
    selection: { only: flags.check, skip: flags.skip },
    ...(flags.minSeverity === undefined ? {} : { minSeverity: flags.minSeverity }),
    ...(baseline === undefined ? {} : { baseline }),
  });
  const scanned = flags.images
    ? await withPinnedImages(result.report, result.inventory, flags)
    : result.report;
  const report =
    flags.output === 'html' || flags.graphs
      ? { ...scanned, graphs: (await import('../report/graphs.ts')).reportGraphs(result.inventory, settings) }
      : scanned;
  process.stderr.write(renderDiagnostics(report));
  const options = {
    color: useColor(flags.color, flags.outputFile === undefined ? process.stdout : undefined),
    showSuppressed: flags.showSuppressed,
    baseDirectory: process.cwd(),
    width: terminalWidth(flags.outputFile === undefined ? process.stdout : undefined),
    summaryOnly: flags.summary,
  };
  const chunks =
    flags.output === 'html'
      ? [await (await import('../render/html.ts')).renderHtmlReport(report)]
      : RENDERERS[flags.output](report, options);
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

/**
 * `--images`: the report with each tag resolved by its registry, the `image-digest-missing`
 * findings carrying the digest and their fix. Tags a registry could not resolve are warned about.
 */
async function withPinnedImages(report: Report, inventory: Inventory, flags: ScanFlags): Promise<Report> {
  const { hostPlatform, parsePlatform } = await import('../registry/platform.ts');
  const { pinningFixes, resolveTags } = await import('../registry/resolve-images.ts');
  const { imagesOf } = await import('../model/image-usage.ts');
  const rows = await resolveTags(imagesOf(inventory), {
    platform: flags.platform === undefined ? hostPlatform() : parsePlatform(flags.platform),
    insecure: flags.insecureRegistry,
    timeoutMs: flags.registryTimeout,
    userAgent: `kubeward/${VERSION}`,
  });
  for (const row of rows)
    if (row.resolution !== undefined && 'error' in row.resolution)
      process.stderr.write(
        `warning: image ${escapeControls(row.entry.image)}: ${escapeControls(row.resolution.error)}\n`,
      );
  return { ...report, findings: report.findings.map(pinningFixes(rows)) };
}

/**
 * `--images` with `--key` or `--trusted-root`: every image's signatures verified, as the check that
 * turns the failed verdicts into findings. Images that could not be verified are warned about.
 */
async function signatureCheck(input: ScanInput, flags: ScanFlags): Promise<Check> {
  const { signatureRequirement } = await import('./signature-requirement.ts');
  const requirement = await signatureRequirement(flags, flags.maxFileSize);
  const { hostPlatform, parsePlatform } = await import('../registry/platform.ts');
  const { verifyImages } = await import('../registry/verify-images.ts');
  const { imagesOf } = await import('../model/image-usage.ts');
  const { buildInventory } = await import('../model/inventory.ts');
  const { imageSignatureUnverified } = await import('../checks/workload/image-signature-unverified.ts');
  const rows = await verifyImages(imagesOf(buildInventory(input.resources)), requirement, {
    platform: flags.platform === undefined ? hostPlatform() : parsePlatform(flags.platform),
    insecure: flags.insecureRegistry,
    timeoutMs: flags.registryTimeout,
    userAgent: `kubeward/${VERSION}`,
  });
  const verdicts = new Map<string, SignatureVerdict>();
  for (const row of rows) {
    if (row.verdict !== undefined) verdicts.set(row.entry.image, row.verdict);
    else if (row.error !== undefined && row.entry.reference.valid)
      process.stderr.write(
        `warning: image ${escapeControls(row.entry.image)}: signatures not verified: ${escapeControls(row.error)}\n`,
      );
  }
  return imageSignatureUnverified(verdicts);
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
