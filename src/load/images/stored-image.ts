import { InputError } from '../../model/errors.ts';
import type { Descriptor, ImageManifest, ImageSource, Platform } from '../../model/image-source.ts';
import type { ImageStore } from './store.ts';
import { digestOf, splitDigest, verifiedChunks } from './verified-blob.ts';

/** Which image of a layout or archive holding several: by platform, by reference name. */
export interface ImageSelection {
  /** `linux/amd64`, `linux/arm64/v8`: picks one manifest of an index. */
  readonly platform: Platform;
  /** The `org.opencontainers.image.ref.name` annotation (an OCI layout's tag), or a `docker save` RepoTag. */
  readonly refName?: string | undefined;
}

const MAX_JSON_BYTES = 8 * 1024 * 1024;

const INDEX_TYPES = new Set([
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
]);

const REF_NAME = 'org.opencontainers.image.ref.name';

/** Parses `os/architecture[/variant]`, or throws a usage-like InputError. */
export function parsePlatform(text: string): Platform {
  const [os, architecture, variant, extra] = text.split('/');
  if (!os || !architecture || extra !== undefined) {
    throw new InputError(`--platform "${text}" is not os/architecture[/variant] (e.g. linux/amd64)`);
  }
  return variant ? { os, architecture, variant } : { os, architecture };
}

export function formatPlatform(platform: Platform): string {
  return [platform.os, platform.architecture, platform.variant].filter(Boolean).join('/');
}

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function readJson(store: ImageStore, path: string): Promise<Record<string, unknown>> {
  const bytes = await store.read(path, MAX_JSON_BYTES);
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new InputError(
      `${store.name}: ${path} is not JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (!isRecord(value) && !Array.isArray(value))
    throw new InputError(`${store.name}: ${path} is not a JSON object`);
  return value as Record<string, unknown>;
}

function descriptor(value: unknown, where: string): Descriptor {
  if (
    !isRecord(value) ||
    typeof value.digest !== 'string' ||
    typeof value.size !== 'number' ||
    !Number.isSafeInteger(value.size) ||
    value.size < 0
  ) {
    throw new InputError(`${where}: a descriptor needs a digest and a size`);
  }
  splitDigest(value.digest, where);
  return value as unknown as Descriptor;
}

function blobPath(digest: string, where: string): string {
  const [algorithm, hex] = splitDigest(digest, where);
  return `blobs/${algorithm}/${hex}`;
}

/** A blob read whole and checked against its descriptor. */
async function readBlob(store: ImageStore, blob: Descriptor): Promise<Uint8Array> {
  const path = blobPath(blob.digest, store.name);
  if (blob.size > MAX_JSON_BYTES)
    throw new InputError(`${store.name}: ${path} has ${String(blob.size)} bytes, more than a manifest may`);
  const bytes = await store.read(path, MAX_JSON_BYTES);
  const actual = digestOf(bytes, splitDigest(blob.digest, store.name)[0]);
  if (actual !== blob.digest || bytes.length !== blob.size) {
    throw new InputError(
      `${store.name}: blob ${blob.digest} does not match its digest (its content is ${actual})`,
    );
  }
  return bytes;
}

function parseJsonBytes(bytes: Uint8Array, where: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(bytes));
    if (isRecord(value)) return value;
  } catch {
    // reported below
  }
  throw new InputError(`${where}: not a JSON object`);
}

function platformMatches(candidate: Platform | undefined, wanted: Platform): boolean {
  if (!candidate) return false;
  if (candidate.os !== wanted.os || candidate.architecture !== wanted.architecture) return false;
  if (wanted.variant === undefined) return true;
  const variant = candidate.variant ?? (candidate.architecture === 'arm64' ? 'v8' : undefined);
  return variant === wanted.variant;
}

function asManifest(value: Record<string, unknown>, where: string): ImageManifest {
  if (!Array.isArray(value.layers)) throw new InputError(`${where}: an image manifest needs layers`);
  return {
    schemaVersion: typeof value.schemaVersion === 'number' ? value.schemaVersion : 2,
    mediaType:
      typeof value.mediaType === 'string' ? value.mediaType : 'application/vnd.oci.image.manifest.v1+json',
    config: descriptor(value.config, `${where}: config`),
    layers: value.layers.map((layer, index) => descriptor(layer, `${where}: layers[${String(index)}]`)),
  };
}

/**
 * Picks one image manifest among the descriptors of an index, by reference name then platform,
 * following nested indexes.
 */
async function selectManifest(
  store: ImageStore,
  manifests: readonly Descriptor[],
  selection: ImageSelection,
  where: string,
): Promise<{ readonly descriptor: Descriptor; readonly manifest: ImageManifest }> {
  let candidates = manifests;
  if (selection.refName !== undefined) {
    candidates = candidates.filter((entry) => entry.annotations?.[REF_NAME] === selection.refName);
    if (candidates.length === 0) {
      const names = manifests.map((entry) => entry.annotations?.[REF_NAME]).filter(Boolean);
      throw new InputError(
        `${where}: no image is named "${selection.refName}" (names: ${names.join(', ') || 'none'})`,
      );
    }
  }
  const withPlatform = candidates.filter((entry) => entry.platform !== undefined);
  if (withPlatform.length > 0) {
    const matching = candidates.filter((entry) => platformMatches(entry.platform, selection.platform));
    if (matching.length === 0) {
      const offered = withPlatform
        .map((entry) => (entry.platform ? formatPlatform(entry.platform) : ''))
        .join(', ');
      throw new InputError(
        `${where}: no image for platform ${formatPlatform(selection.platform)} (the index has ${offered})`,
      );
    }
    candidates = matching;
  }
  const [chosen] = candidates;
  if (chosen === undefined) throw new InputError(`${where}: the index lists no image`);
  if (candidates.length > 1) {
    const names = candidates.map((entry) => entry.annotations?.[REF_NAME] ?? entry.digest);
    throw new InputError(
      `${where}: ${String(candidates.length)} images, name one with --name (${names.join(', ')})`,
    );
  }
  const content = parseJsonBytes(await readBlob(store, chosen), `${where}: ${chosen.digest}`);
  const mediaType = typeof content.mediaType === 'string' ? content.mediaType : chosen.mediaType;
  if (INDEX_TYPES.has(mediaType) || (Array.isArray(content.manifests) && !Array.isArray(content.layers))) {
    const nested = Array.isArray(content.manifests) ? content.manifests : [];
    return selectManifest(
      store,
      nested.map((entry, index) =>
        descriptor(entry, `${where}: ${chosen.digest} manifests[${String(index)}]`),
      ),
      { platform: selection.platform },
      `${where}: ${chosen.digest}`,
    );
  }
  return { descriptor: chosen, manifest: asManifest(content, `${where}: ${chosen.digest}`) };
}

function sourceOf(
  store: ImageStore,
  name: string,
  manifestDigest: string,
  manifest: ImageManifest,
  layerPaths: ReadonlyMap<string, string>,
): ImageSource {
  return {
    name,
    manifestDigest: () => Promise.resolve(manifestDigest),
    manifest: () => Promise.resolve(manifest),
    config: async () => parseJsonBytes(await readBlob(store, manifest.config), `${name}: config`),
    blob: (blob) => {
      const path = layerPaths.get(blob.digest) ?? blobPath(blob.digest, name);
      return Promise.resolve(verifiedChunks(store.stream(path), blob, name));
    },
  };
}

/** The image of an OCI layout (`oci-layout`, `index.json`, `blobs/`), directory or archive. */
async function openLayout(store: ImageStore, selection: ImageSelection): Promise<ImageSource> {
  const layout = await readJson(store, 'oci-layout');
  if (typeof layout.imageLayoutVersion !== 'string') {
    throw new InputError(`${store.name}: oci-layout has no imageLayoutVersion`);
  }
  const index = await readJson(store, 'index.json');
  if (!Array.isArray(index.manifests)) throw new InputError(`${store.name}: index.json has no manifests`);
  const manifests = index.manifests.map((entry, at) =>
    descriptor(entry, `${store.name}: index.json manifests[${String(at)}]`),
  );
  const chosen = await selectManifest(store, manifests, selection, `${store.name}: index.json`);
  const refName = chosen.descriptor.annotations?.[REF_NAME];
  const name =
    refName === undefined ? `${store.name}@${chosen.descriptor.digest}` : `${store.name}:${refName}`;
  return sourceOf(store, name, chosen.descriptor.digest, chosen.manifest, new Map());
}

const LAYER_TAR = 'application/vnd.docker.image.rootfs.diff.tar';

/**
 * The image of a `docker save` archive without an OCI layout (`manifest.json`: Config, RepoTags,
 * Layers). Its layers are files named by path; each becomes a descriptor with the digest of its
 * content, found in the config's `rootfs.diff_ids` for the uncompressed tars docker writes, or in the
 * path (`blobs/sha256/…`). It has no manifest of its own: the digest kubeward gives it is that of
 * the manifest it rebuilds from these descriptors.
 */
async function openDockerSave(store: ImageStore, selection: ImageSelection): Promise<ImageSource> {
  const entries = (await readJson(store, 'manifest.json')) as unknown;
  if (!Array.isArray(entries) || entries.length === 0)
    throw new InputError(`${store.name}: manifest.json lists no image`);
  const images = entries.filter(isRecord);
  const chosen =
    selection.refName === undefined
      ? images
      : images.filter((entry) => Array.isArray(entry.RepoTags) && entry.RepoTags.includes(selection.refName));
  if (chosen.length !== 1) {
    const tags = images.flatMap((entry) => stringsOf(entry.RepoTags));
    throw new InputError(
      chosen.length === 0
        ? `${store.name}: no image is named "${String(selection.refName)}" (names: ${tags.join(', ') || 'none'})`
        : `${store.name}: ${String(chosen.length)} images, name one with --name (${tags.join(', ')})`,
    );
  }
  const image = chosen[0] ?? {};
  if (typeof image.Config !== 'string' || !Array.isArray(image.Layers)) {
    throw new InputError(`${store.name}: manifest.json needs Config and Layers`);
  }
  const configBytes = await store.read(image.Config, MAX_JSON_BYTES);
  const config = parseJsonBytes(configBytes, `${store.name}: ${image.Config}`);
  const rootfs = isRecord(config.rootfs) ? config.rootfs : {};
  const diffIds: unknown[] = Array.isArray(rootfs.diff_ids) ? rootfs.diff_ids : [];
  const layerPaths = new Map<string, string>();
  const layers: Descriptor[] = [];
  for (const [index, path] of (image.Layers as unknown[]).entries()) {
    if (typeof path !== 'string')
      throw new InputError(`${store.name}: manifest.json Layers[${String(index)}] is not a path`);
    const fromPath = /^blobs\/(sha256)\/([0-9a-f]{64})$/.exec(path);
    const digest = fromPath ? `${fromPath[1] ?? ''}:${fromPath[2] ?? ''}` : diffIds[index];
    if (typeof digest !== 'string') throw new InputError(`${store.name}: no digest for layer ${path}`);
    layers.push({ mediaType: LAYER_TAR, digest, size: await store.size(path) });
    layerPaths.set(digest, path);
  }
  const manifest: ImageManifest = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: {
      mediaType: 'application/vnd.oci.image.config.v1+json',
      digest: digestOf(configBytes),
      size: configBytes.length,
    },
    layers,
  };
  const tags = stringsOf(image.RepoTags);
  const name = typeof tags[0] === 'string' ? `${store.name}:${tags[0]}` : store.name;
  const configPath = image.Config;
  const source = sourceOf(
    store,
    name,
    digestOf(new TextEncoder().encode(JSON.stringify(manifest))),
    manifest,
    layerPaths,
  );
  return {
    ...source,
    config: async () => parseJsonBytes(await store.read(configPath, MAX_JSON_BYTES), name),
  };
}

/** The image an OCI layout or a `docker save` archive holds. */
export async function openStoredImage(store: ImageStore, selection: ImageSelection): Promise<ImageSource> {
  if (await store.has('oci-layout')) return openLayout(store, selection);
  if (await store.has('manifest.json')) return openDockerSave(store, selection);
  throw new InputError(
    `${store.name}: neither an OCI image layout (oci-layout, index.json) nor a docker save archive (manifest.json)`,
  );
}
