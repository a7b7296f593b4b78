import type { Descriptor, ImageConfig, ImageManifest, ImageSource, Platform } from '../model/image-source.ts';
import { isRecord } from '../model/path.ts';
import type { RegistryClient } from './client.ts';
import { RegistryError, hasherFor, readBody, verifyDigest } from './client.ts';
import { formatPlatform, selectPlatform } from './platform.ts';
import { fetchManifest, MAX_MANIFEST_BYTES } from './resolve.ts';
import type { ManifestAddress } from './resolve.ts';

/** Largest image config read. */
export const MAX_CONFIG_BYTES = 8 * 1024 * 1024;

/** Bounds of a registry image source. */
export interface RegistrySourceOptions {
  /** The platform picked from an index. */
  readonly platform: Platform;
  /** Largest blob (layer) read, whatever its descriptor says (default 4 GiB). */
  readonly maxBlobBytes?: number | undefined;
  readonly maxManifestBytes?: number | undefined;
}

/**
 * An image read from a registry, as an {@link ImageSource}: the manifest named (an index narrowed
 * to `platform`), its config and its blobs, every byte checked against its digest and size.
 */
export function registryImageSource(
  client: RegistryClient,
  address: ManifestAddress,
  options: RegistrySourceOptions,
): ImageSource {
  const maxManifest = options.maxManifestBytes ?? MAX_MANIFEST_BYTES;
  const maxBlob = options.maxBlobBytes ?? 4 * 1024 ** 3;
  const name = `${address.registry}/${address.repository}${address.reference.includes(':') ? '@' : ':'}${address.reference}`;
  let image: Promise<{ digest: string; manifest: ImageManifest }> | undefined;
  const load = async (): Promise<{ digest: string; manifest: ImageManifest }> => {
    const top = await fetchManifest(client, address, maxManifest);
    if (top.kind === 'manifest') return { digest: top.digest, manifest: top.manifest };
    const entry = selectPlatform(top.index.manifests, options.platform);
    if (entry === undefined) {
      const offered = top.index.manifests.flatMap((item) =>
        item.platform === undefined ? [] : [formatPlatform(item.platform)],
      );
      throw new RegistryError(
        `${name}: no image for ${formatPlatform(options.platform)} in its index (it has ${offered.join(', ') || 'none'}); choose one with --platform`,
      );
    }
    const child = await fetchManifest(
      client,
      { ...address, reference: entry.digest },
      Math.min(maxManifest, entry.size),
    );
    if (child.kind !== 'manifest')
      throw new RegistryError(
        `${name}: the index entry for ${formatPlatform(options.platform)} is another index`,
      );
    return { digest: child.digest, manifest: child.manifest };
  };
  const resolved = (): Promise<{ digest: string; manifest: ImageManifest }> => (image ??= load());
  const blobWhat = (descriptor: Descriptor): string => `${name} blob ${descriptor.digest}`;
  return {
    name,
    manifestDigest: async () => (await resolved()).digest,
    manifest: async () => (await resolved()).manifest,
    async config(): Promise<ImageConfig> {
      const { config } = (await resolved()).manifest;
      if (config.size > MAX_CONFIG_BYTES)
        throw new RegistryError(
          `${blobWhat(config)}: config of ${String(config.size)} bytes, more than the ${String(MAX_CONFIG_BYTES)} accepted`,
        );
      const response = await client.open(address.registry, address.repository, `blobs/${config.digest}`, {
        method: 'GET',
        maxBytes: config.size,
      });
      const body = await readBody(response, config.size, blobWhat(config));
      verifyDigest(body, config.digest, blobWhat(config));
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString('utf8'));
      } catch {
        throw new RegistryError(`${blobWhat(config)}: the image config is not JSON`);
      }
      if (!isRecord(parsed))
        throw new RegistryError(`${blobWhat(config)}: the image config is not a JSON object`);
      return parsed;
    },
    async blob(descriptor: Descriptor): Promise<AsyncIterable<Uint8Array>> {
      const what = blobWhat(descriptor);
      if (descriptor.size > maxBlob)
        throw new RegistryError(
          `${what}: ${String(descriptor.size)} bytes, more than the ${String(maxBlob)} accepted`,
        );
      const response = await client.open(address.registry, address.repository, `blobs/${descriptor.digest}`, {
        method: 'GET',
        maxBytes: descriptor.size,
      });
      return verified(response as AsyncIterable<Buffer>, descriptor, what, () => response.destroy());
    },
  };
}

/** The bytes of a blob as they arrive; at its end (or past its size) a mismatch throws. */
async function* verified(
  chunks: AsyncIterable<Buffer>,
  descriptor: Descriptor,
  what: string,
  stop: () => void,
): AsyncGenerator<Uint8Array> {
  const hash = hasherFor(descriptor.digest);
  let size = 0;
  try {
    for await (const chunk of chunks) {
      size += chunk.length;
      if (size > descriptor.size)
        throw new RegistryError(
          `${what}: more bytes than the ${String(descriptor.size)} its descriptor says`,
        );
      hash.update(chunk);
      yield chunk;
    }
  } finally {
    stop();
  }
  const actual = `${descriptor.digest.slice(0, descriptor.digest.indexOf(':'))}:${hash.digest('hex')}`;
  if (size !== descriptor.size)
    throw new RegistryError(
      `${what}: ${String(size)} bytes where its descriptor says ${String(descriptor.size)}`,
    );
  if (actual !== descriptor.digest)
    throw new RegistryError(
      `${what}: content does not match its digest: expected ${descriptor.digest}, got ${actual}`,
    );
}
