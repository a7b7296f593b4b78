import type { Descriptor, ImageManifest, Platform } from '../model/image-source.ts';
import { isRecord } from '../model/path.ts';
import { RegistryError } from './client.ts';
import { INDEX_TYPES, MANIFEST_TYPES } from './media-types.ts';

/** An image index (image-index.md) or Docker manifest list: one manifest per platform. */
export interface ImageIndex {
  readonly schemaVersion: number;
  readonly mediaType: string;
  readonly manifests: readonly Descriptor[];
}

/** What a manifest request gave: an index or an image manifest, with its digest and media type. */
export type ManifestContent =
  | {
      readonly kind: 'index';
      readonly digest: string;
      readonly mediaType: string;
      readonly index: ImageIndex;
    }
  | {
      readonly kind: 'manifest';
      readonly digest: string;
      readonly mediaType: string;
      readonly manifest: ImageManifest;
    };

function platformOf(value: unknown): Platform | undefined {
  if (!isRecord(value) || typeof value.os !== 'string' || typeof value.architecture !== 'string')
    return undefined;
  return {
    os: value.os,
    architecture: value.architecture,
    variant: typeof value.variant === 'string' ? value.variant : undefined,
    osVersion: typeof value['os.version'] === 'string' ? value['os.version'] : undefined,
  };
}

/** A descriptor (descriptor.md): media type, digest and size are required. */
export function descriptorOf(value: unknown, what: string): Descriptor {
  if (
    !isRecord(value) ||
    typeof value.mediaType !== 'string' ||
    typeof value.digest !== 'string' ||
    !Number.isSafeInteger(value.size) ||
    (value.size as number) < 0
  )
    throw new RegistryError(`${what}: a descriptor without mediaType, digest or size`);
  const annotations = isRecord(value.annotations) ? value.annotations : undefined;
  return {
    mediaType: value.mediaType,
    digest: value.digest,
    size: value.size as number,
    platform: platformOf(value.platform),
    annotations:
      annotations === undefined
        ? undefined
        : Object.fromEntries(
            Object.entries(annotations).filter(
              (entry): entry is [string, string] => typeof entry[1] === 'string',
            ),
          ),
  };
}

/**
 * An index or manifest from its bytes, by the `mediaType` it declares (or, when it declares none,
 * the `Content-Type` it was served with, as image-spec allows for older content).
 */
export function parseManifest(
  body: Buffer,
  contentType: string | undefined,
  digest: string,
  what: string,
): ManifestContent {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new RegistryError(`${what}: the manifest is not JSON`);
  }
  if (!isRecord(parsed)) throw new RegistryError(`${what}: the manifest is not a JSON object`);
  const mediaType =
    typeof parsed.mediaType === 'string'
      ? parsed.mediaType
      : ((contentType ?? '').split(';')[0]?.trim() ?? '');
  const schemaVersion = typeof parsed.schemaVersion === 'number' ? parsed.schemaVersion : 0;
  if (INDEX_TYPES.has(mediaType) || (mediaType === '' && Array.isArray(parsed.manifests))) {
    if (!Array.isArray(parsed.manifests)) throw new RegistryError(`${what}: an index without manifests`);
    const manifests = parsed.manifests.map((entry) => descriptorOf(entry, what));
    return { kind: 'index', digest, mediaType, index: { schemaVersion, mediaType, manifests } };
  }
  if (MANIFEST_TYPES.has(mediaType) || (mediaType === '' && isRecord(parsed.config))) {
    if (!Array.isArray(parsed.layers)) throw new RegistryError(`${what}: a manifest without layers`);
    const manifest: ImageManifest = {
      schemaVersion,
      mediaType,
      config: descriptorOf(parsed.config, what),
      layers: parsed.layers.map((entry) => descriptorOf(entry, what)),
    };
    return { kind: 'manifest', digest, mediaType, manifest };
  }
  throw new RegistryError(
    `${what}: unsupported manifest type "${mediaType}" (OCI and Docker v2 schema 2 are read)`,
  );
}
