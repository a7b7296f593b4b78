import { matchVulnerabilities } from '../images/osv/match.ts';
import type { ImagePackage } from '../images/package.ts';
import { dockerCredentials } from '../load/docker-credentials.ts';
import type { DockerConfigOptions, RegistryCredentials } from '../load/docker-credentials.ts';
import type { Diagnostic } from '../model/diagnostic.ts';
import type { ImageEntry } from '../model/image-usage.ts';
import type { Platform } from '../model/image-source.ts';
import { RegistryClient } from '../registry/client.ts';
import type { RegistryOptions } from '../registry/client.ts';
import { registryImageSource } from '../registry/source.ts';
import { openOsvDatabase } from './database.ts';
import type { ImageVulnerabilities } from './image-vulnerable.ts';
import { readImageContents } from '../registry/image-contents.ts';

/** How `scan --images` reads images and where it matches them. */
export interface ImageScanOptions extends Omit<RegistryOptions, 'credentials'> {
  /** The offline OSV database directory. */
  readonly database: string;
  readonly platform: Platform;
  readonly dockerConfig?: DockerConfigOptions | undefined;
  /** Images read at once (default 4). */
  readonly concurrency?: number | undefined;
}

/** What reading and matching the images gave: each image's vulnerabilities by reference as written. */
export interface ImageScan {
  readonly byImage: ReadonlyMap<string, ImageVulnerabilities>;
  /** Images that could not be read, with why. */
  readonly failures: readonly { readonly image: string; readonly error: string }[];
  /** Warnings of the database and the matching. */
  readonly diagnostics: readonly Diagnostic[];
}

interface ReadImage {
  readonly digest: string;
  readonly packages: readonly ImagePackage[];
}

/**
 * Reads each valid image reference from its registry (the manifest named by digest, else by tag,
 * else `:latest`; an index narrowed to `platform`), extracts its packages as `images sbom` does,
 * and matches them all against the offline OSV database, opened once for all their names. An
 * image read under two references is read once.
 */
export async function scanImages(
  entries: readonly ImageEntry[],
  options: ImageScanOptions,
): Promise<ImageScan> {
  const cache = new Map<string, Promise<RegistryCredentials | undefined>>();
  const client = new RegistryClient({
    ...options,
    credentials: (registry) => {
      let found = cache.get(registry);
      if (found === undefined) {
        found = dockerCredentials(registry, options.dockerConfig);
        cache.set(registry, found);
      }
      return found;
    },
  });
  const reads = new Map<string, Promise<ReadImage>>();
  const readOne = (entry: ImageEntry): Promise<ReadImage> | undefined => {
    if (!entry.reference.valid) return undefined;
    const { registry, repository, tag, digest } = entry.reference.reference;
    const reference = digest ?? tag ?? 'latest';
    const key = `${registry}/${repository}@${reference}`;
    let pending = reads.get(key);
    if (pending === undefined) {
      const source = registryImageSource(
        client,
        { registry, repository, reference },
        { platform: options.platform },
      );
      pending = (async () => {
        const contents = await readImageContents(source);
        return { digest: await source.manifestDigest(), packages: contents.packages };
      })();
      reads.set(key, pending);
    }
    return pending;
  };
  const read: { entry: ImageEntry; image: ReadImage }[] = [];
  const failures: { image: string; error: string }[] = [];
  const queue = [...entries];
  const worker = async (): Promise<void> => {
    for (let entry = queue.shift(); entry !== undefined; entry = queue.shift()) {
      try {
        const image = await readOne(entry);
        if (image !== undefined) read.push({ entry, image });
      } catch (error) {
        failures.push({ image: entry.image, error: (error as Error).message });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, entries.length) }, worker));
  const packages = read.flatMap(({ image }) => image.packages);
  const opened = await openOsvDatabase(options.database, packages);
  const diagnostics = [...opened.diagnostics];
  const seen = new Set<string>();
  const byImage = new Map<string, ImageVulnerabilities>();
  for (const { entry, image } of read) {
    const matched = matchVulnerabilities(image.packages, opened.database);
    for (const diagnostic of matched.diagnostics) {
      const key = `${diagnostic.file}\u0000${diagnostic.message}`;
      if (!seen.has(key)) diagnostics.push(diagnostic);
      seen.add(key);
    }
    byImage.set(entry.image, { digest: image.digest, vulnerabilities: matched.vulnerabilities });
  }
  failures.sort((a, b) => a.image.localeCompare(b.image));
  return { byImage, failures, diagnostics };
}
