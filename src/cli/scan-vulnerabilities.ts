import { existsSync } from 'node:fs';
import { imagesOf } from '../model/image-usage.ts';
import { nameGlob } from '../model/name-glob.ts';
import { buildInventory } from '../model/inventory.ts';
import type { Check } from '../model/check.ts';
import { formatDiagnostic } from '../model/diagnostic.ts';
import { UsageError } from '../model/errors.ts';
import { escapeControls } from '../model/terminal-text.ts';
import type { Severity } from '../model/severity.ts';
import type { ScanInput } from '../scan/scan.ts';
import { VERSION } from '../version.ts';
import { defaultOsvDirectory } from './images-db.ts';
import type { RegistryFlags } from './commands/registry-options.ts';

/** What `scan --images` needs to match images against the OSV database. */
export interface VulnerabilityFlags extends RegistryFlags {
  readonly osvDb?: string;
  readonly defaultNamespace?: string;
  readonly minSeverity?: Severity;
  readonly check: readonly string[];
  readonly skip: readonly string[];
}

/**
 * `scan --images` with an OSV database (`--osv-db`, else the `images db update` directory when it
 * exists): every image the input runs read from its registry and matched, as the check whose
 * findings the scan adds. Undefined when there is no database or the check is not selected. Images
 * that could not be read, and the database's warnings, are written to stderr.
 */
export async function imageVulnerabilities(
  loaded: ScanInput,
  flags: VulnerabilityFlags,
): Promise<Check | undefined> {
  const { IMAGE_VULNERABLE, imageVulnerableCheck } = await import('../vulndb/image-vulnerable.ts');
  const named = (patterns: readonly string[]): boolean =>
    patterns.some((pattern) => nameGlob(pattern)(IMAGE_VULNERABLE));
  if ((flags.check.length > 0 && !named(flags.check)) || named(flags.skip)) return undefined;
  const fallback = defaultOsvDirectory();
  const database = flags.osvDb ?? (existsSync(fallback) ? fallback : undefined);
  if (database === undefined) {
    if (flags.check.includes(IMAGE_VULNERABLE))
      throw new UsageError(
        `--check ${IMAGE_VULNERABLE} needs an OSV database: give --osv-db DIR, or download one with kubeward images db update`,
      );
    return undefined;
  }
  const { hostPlatform, parsePlatform } = await import('../registry/platform.ts');
  const { scanImages } = await import('../vulndb/scan-images.ts');
  const inventory = buildInventory(loaded.resources, {
    ...(flags.defaultNamespace === undefined ? {} : { defaultNamespace: flags.defaultNamespace }),
  });
  const scanned = await scanImages(imagesOf(inventory), {
    database,
    platform: flags.platform === undefined ? hostPlatform() : parsePlatform(flags.platform),
    insecure: flags.insecureRegistry,
    timeoutMs: flags.registryTimeout,
    userAgent: `kubeward/${VERSION}`,
  });
  for (const diagnostic of scanned.diagnostics) process.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
  for (const { image, error } of scanned.failures)
    process.stderr.write(`warning: image ${escapeControls(image)} not matched: ${escapeControls(error)}\n`);
  return imageVulnerableCheck(scanned.byImage, flags.minSeverity ?? 'info');
}
