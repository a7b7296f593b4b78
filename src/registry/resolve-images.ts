import { imageDigestMissing } from '../checks/workload/image-digest-missing.ts';
import { runChecks } from '../checks/run.ts';
import { DEFAULT_SETTINGS } from '../config/defaults.ts';
import type { DockerConfigOptions } from '../load/docker-credentials.ts';
import type { Diagnostic } from '../model/diagnostic.ts';
import type { Finding } from '../model/finding.ts';
import type { ImageEntry } from '../model/image-usage.ts';
import type { Platform } from '../model/image-source.ts';
import type { Inventory } from '../model/inventory.ts';
import { formatPath } from '../model/path.ts';
import type { ImageResolution, ImageRow, ImagesResult } from '../report/images-result.ts';
import { buildReport } from '../report/report.ts';
import type { RegistryClient } from './client.ts';
import type { RegistryOptions } from './client.ts';
import { dockerRegistryClient } from './docker-client.ts';
import { INDEX_TYPES } from './media-types.ts';
import { formatPlatform, selectPlatform } from './platform.ts';
import { fetchManifest, resolveTag } from './resolve.ts';
import type { ManifestAddress } from './resolve.ts';

/** How `--resolve` reaches the registries. */
export interface ResolveOptions extends Omit<RegistryOptions, 'credentials'> {
  /** Diagnostics of the input, carried into the result. */
  readonly diagnostics: readonly Diagnostic[];
  /** Files read, for the report's summary. */
  readonly files: number;
  /** Where docker's config is (default: `$DOCKER_CONFIG`, else `~/.docker`). */
  readonly dockerConfig?: DockerConfigOptions | undefined;
  /** The platform an index is narrowed to, for the digest of the image that platform runs. */
  readonly platform: Platform;
  /** Registries asked at once (default 8). */
  readonly concurrency?: number | undefined;
}

/**
 * Asks the registries what each tag points to: every valid reference with a tag is resolved once
 * (`registry/repository:tag`), a reference without a tag as `:latest`, as runtimes pull it; a
 * reference by digest alone is not asked about. Failures are kept as the row's `error`.
 */
export async function resolveTags(
  entries: readonly ImageEntry[],
  options: Omit<ResolveOptions, 'diagnostics' | 'files'>,
): Promise<readonly ImageRow[]> {
  const client = dockerRegistryClient(options);
  const resolutions = new Map<string, Promise<ImageResolution>>();
  const resolutionOf = (entry: ImageEntry): Promise<ImageResolution> | undefined => {
    if (!entry.reference.valid) return undefined;
    const { registry, repository, tag, digest } = entry.reference.reference;
    if (tag === undefined && digest !== undefined) return undefined;
    const key = `${registry}/${repository}:${tag ?? 'latest'}`;
    let pending = resolutions.get(key);
    if (pending === undefined) {
      pending = resolve(client, { registry, repository, reference: tag ?? 'latest' }, options.platform).catch(
        (error: unknown): ImageResolution => ({ error: (error as Error).message }),
      );
      resolutions.set(key, pending);
    }
    return pending;
  };
  return mapLimited(entries, options.concurrency ?? 8, async (entry): Promise<ImageRow> => {
    const resolution = await resolutionOf(entry);
    return resolution === undefined ? { entry } : { entry, resolution };
  });
}

/**
 * What resolved tags do to the `image-digest-missing` findings: a finding on an image field whose
 * tag was resolved gains the digest in its message and its fix, `<reference as written>@<digest>`;
 * other findings are returned as they are.
 */
export function pinningFixes(rows: readonly ImageRow[]): (finding: Finding) => Finding {
  const byField = new Map<string, { image: string; digest: string }>();
  for (const row of rows) {
    if (row.resolution === undefined || 'error' in row.resolution) continue;
    for (const use of row.entry.uses) {
      const { origin } = use.resource;
      byField.set(fieldKey(origin.file, origin.document, origin.itemPath, use.path), {
        image: row.entry.image,
        digest: row.resolution.digest,
      });
    }
  }
  return (finding) => {
    const origin = finding.resource?.origin;
    if (finding.checkId !== imageDigestMissing.id || origin === undefined) return finding;
    const found = byField.get(fieldKey(origin.file, origin.document, origin.itemPath, finding.path));
    if (found === undefined) return finding;
    const value = `${found.image}@${found.digest}`;
    return {
      ...finding,
      message: `${finding.message}: the tag points to ${found.digest} today`,
      fix: { description: `pin the image to the digest its tag points to today: ${value}`, value },
    };
  };
}

/**
 * `kubeward images --resolve`: the tags resolved ({@link resolveTags}), and the
 * `image-digest-missing` findings of the inventory (suppressions honoured as in a scan) with the
 * digests and fixes of {@link pinningFixes}, as a report.
 */
export async function resolveImages(
  inventory: Inventory,
  entries: readonly ImageEntry[],
  options: ResolveOptions,
): Promise<ImagesResult> {
  const rows = await resolveTags(entries, options);
  const findings = runChecks(
    [imageDigestMissing],
    inventory,
    {
      settings: DEFAULT_SETTINGS,
      disabled: new Set(),
      severities: new Map(),
      excluded: () => undefined,
      honourAnnotations: true,
    },
    new Date(),
  ).map(pinningFixes(rows));
  const report = buildReport({
    checks: [imageDigestMissing],
    inventory,
    findings,
    diagnostics: options.diagnostics,
    files: options.files,
  });
  return { rows, diagnostics: options.diagnostics, report };
}

/** A tag's digest and, when it names an index, the digest of the image `platform` runs. */
async function resolve(
  client: RegistryClient,
  address: ManifestAddress,
  platform: Platform,
): Promise<ImageResolution> {
  const resolved = await resolveTag(client, address);
  if (!INDEX_TYPES.has(resolved.mediaType)) return { digest: resolved.digest, mediaType: resolved.mediaType };
  const content = await fetchManifest(client, { ...address, reference: resolved.digest });
  const entry = content.kind === 'index' ? selectPlatform(content.index.manifests, platform) : undefined;
  return {
    digest: resolved.digest,
    mediaType: resolved.mediaType,
    platform: formatPlatform(platform),
    platformDigest: entry?.digest ?? null,
  };
}

function fieldKey(
  file: string,
  document: number,
  itemPath: readonly (string | number)[],
  path: readonly (string | number)[],
): string {
  return `${file}\u0000${String(document)}\u0000${formatPath(itemPath)}\u0000${formatPath(path)}`;
}

/** `map` with at most `limit` calls pending at once, results in input order. */
export async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  map: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await map(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
