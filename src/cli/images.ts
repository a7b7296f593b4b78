import type { Diagnostic } from '../model/diagnostic.ts';
import { UsageError } from '../model/errors.ts';
import { imagesOf } from '../model/image-usage.ts';
import { terminalWidth } from '../render/columns.ts';
import { renderImagesJson, renderImagesYaml } from '../render/images/document.ts';
import type { ImagesOutput } from '../render/images/outputs.ts';
import type { ImageRow, ImagesResult } from '../report/images-result.ts';
import { renderImagesTable } from '../render/images/table.ts';
import { renderSarifChunks } from '../render/sarif.ts';
import { filesOf } from '../scan/inputs.ts';
import type { RegistryFlags } from './commands/registry-options.ts';
import { writeReport } from './output-file.ts';
import { readImageInputs } from './image-inputs.ts';
import { pathsOf } from './sources.ts';
import type { InputFlags } from './sources.ts';
import { VERSION } from '../version.ts';
import type { ReportText } from './output-file.ts';

/** The flags of `kubeward images`, as commander parses them. */
export interface ImagesFlags extends InputFlags, RegistryFlags {
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
  if (flags.output === 'sarif' && !flags.resolve)
    throw new UsageError('-o sarif lists the findings of --resolve: add --resolve');
  const { loaded, inventory, platform } = await readImageInputs('images', paths, flags);
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
  await writeReport(render(result, flags), flags.outputFile, [...pathsOf(paths, flags), ...filesOf(loaded)]);
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
