import { formatDiagnostic } from '../model/diagnostic.ts';
import type { Diagnostic } from '../model/diagnostic.ts';
import { InputError, UsageError } from '../model/errors.ts';
import { imagesOf } from '../model/image-usage.ts';
import { buildInventory } from '../model/inventory.ts';
import { terminalWidth } from '../render/columns.ts';
import { renderImagesJson, renderImagesYaml } from '../render/images/document.ts';
import type { ImagesOutput } from '../render/images/outputs.ts';
import type { ImageRow, ImagesResult } from '../report/images-result.ts';
import { renderImagesTable } from '../render/images/table.ts';
import { renderSarifChunks } from '../render/sarif.ts';
import { filesOf, loadInputs } from '../scan/inputs.ts';
import type { ScanInput } from '../scan/scan.ts';
import { readLiveCluster } from './cluster.ts';
import { readsCluster } from './commands/cluster-options.ts';
import type { ClusterFlags } from './commands/cluster-options.ts';
import type { RegistryFlags } from './commands/registry-options.ts';
import { writeReport } from './output-file.ts';
import { VERSION } from '../version.ts';
import type { ReportText } from './output-file.ts';

/** The flags of `kubeward images`, as commander parses them. */
export interface ImagesFlags extends ClusterFlags, RegistryFlags {
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
  readonly output: ImagesOutput;
  readonly outputFile?: string;
  readonly resolve: boolean;
}

/**
 * `kubeward images`: the images the inputs' workloads run, each with its users; with `--resolve`,
 * the digest each tag points to, and a finding with its fix for each image pinned by tag alone.
 * Exit 0, or 2 when an input could not be read at all.
 */
export async function images(paths: string[], flags: ImagesFlags): Promise<void> {
  const inputs = [...paths, ...flags.filename];
  const live = readsCluster(flags);
  const fromFiles = inputs.length > 0 || flags.kustomize.length > 0 || flags.helm.length > 0;
  if (live && fromFiles)
    throw new UsageError(
      'images reads either files or a live cluster (--kubeconfig, --context, -A), not both',
    );
  if (!live && !fromFiles)
    throw new UsageError(
      'nothing to read: give files, directories, -f -, -k DIR or --helm DIR, or read a live cluster with --context NAME or -A',
    );
  if (flags.output === 'sarif' && !flags.resolve)
    throw new UsageError('-o sarif lists the findings of --resolve: add --resolve');
  const { hostPlatform, parsePlatform } = await import('../registry/platform.ts');
  const platform = flags.platform === undefined ? hostPlatform() : parsePlatform(flags.platform);
  const loaded = live ? await liveInput(flags) : await fileInput(inputs, flags);
  for (const diagnostic of loaded.diagnostics)
    if (diagnostic.level !== 'note') process.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
  if (loaded.resources.length === 0 && loaded.diagnostics.some((diagnostic) => diagnostic.level === 'error'))
    throw new InputError('no usable input: every file failed to load');
  const inventory = buildInventory(loaded.resources, {
    ...(flags.defaultNamespace === undefined ? {} : { defaultNamespace: flags.defaultNamespace }),
  });
  const entries = imagesOf(inventory);
  const result: ImagesResult = flags.resolve
    ? await (
        await import('../registry/resolve-images.ts')
      ).resolveImages(inventory, entries, {
        diagnostics: loaded.diagnostics,
        files: loaded.files,
        platform,
        insecure: flags.insecureRegistry,
        timeoutMs: flags.registryTimeout,
        userAgent: `kubeward/${VERSION}`,
      })
    : { rows: entries.map((entry): ImageRow => ({ entry })), diagnostics: loaded.diagnostics };
  await writeReport(render(result, flags), flags.outputFile, [
    ...inputs,
    ...flags.values,
    ...filesOf(loaded),
  ]);
  if (loaded.diagnostics.some((diagnostic: Diagnostic) => diagnostic.level === 'error')) process.exitCode = 2;
}

function render(result: ImagesResult, flags: ImagesFlags): ReportText {
  switch (flags.output) {
    case 'table':
      return renderImagesTable(
        result,
        terminalWidth(flags.outputFile === undefined ? process.stdout : undefined),
      );
    case 'json':
      return renderImagesJson(result);
    case 'yaml':
      return renderImagesYaml(result);
    case 'sarif':
      if (result.report === undefined)
        throw new UsageError('-o sarif lists the findings of --resolve: add --resolve');
      return renderSarifChunks(result.report, { baseDirectory: process.cwd() });
  }
}

function fileInput(inputs: readonly string[], flags: ImagesFlags): Promise<ScanInput> {
  return loadInputs(inputs, {
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
  });
}

async function liveInput(flags: ImagesFlags): Promise<ScanInput> {
  const read = await readLiveCluster(flags, {
    secrets: 'none',
    ...(flags.namespace === undefined ? {} : { namespace: flags.namespace }),
  });
  return { resources: read.resources, diagnostics: read.diagnostics, files: 0 };
}
