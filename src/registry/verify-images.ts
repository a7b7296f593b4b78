import { verifyFoundSignatures } from '../images/signatures/verify.ts';
import type { SignatureRequirement, SignatureVerdict } from '../model/image-signature.ts';
import type { ImageEntry } from '../model/image-usage.ts';
import type { Platform } from '../model/image-source.ts';
import type { ImageVerification } from '../report/image-verification.ts';
import type { RegistryClient } from './client.ts';
import { dockerRegistryClient } from './docker-client.ts';
import type { DockerClientOptions } from './docker-client.ts';
import { INDEX_TYPES } from './media-types.ts';
import { selectPlatform } from './platform.ts';
import { mapLimited } from './resolve-images.ts';
import { fetchManifest, resolveTag } from './resolve.ts';
import { findSignatures } from './signatures.ts';
import type { RepositoryAddress } from './signatures.ts';

/**
 * Whether the image `digest` of `address` is signed as `requirement` asks: its cosign signatures
 * (`sha256-<hex>.sig`) and Sigstore bundle referrers read from the registry, then judged by the
 * signatures engine. A registry that cannot be read throws its {@link RegistryError}.
 */
export async function verifyImageSignatures(
  client: RegistryClient,
  address: RepositoryAddress,
  digest: string,
  requirement: SignatureRequirement,
): Promise<SignatureVerdict> {
  const found = await findSignatures(client, address, digest);
  return verifyFoundSignatures(found, digest, requirement);
}

/**
 * One image reference verified: the digest it names, or the one its tag (`latest` when none)
 * points to. Cosign signs and verifies that digest, an index's included; when an index is not
 * signed, the image it holds for `platform` is verified instead (as `cosign sign --recursive`
 * signs each).
 */
export async function verifyImage(
  client: RegistryClient,
  entry: ImageEntry,
  requirement: SignatureRequirement,
  platform: Platform,
): Promise<ImageVerification> {
  if (!entry.reference.valid) return { entry, error: entry.reference.error };
  const { registry, repository, tag, digest: pinned } = entry.reference.reference;
  const address = { registry, repository };
  try {
    const resolved =
      pinned === undefined
        ? await resolveTag(client, { registry, repository, reference: tag ?? 'latest' })
        : undefined;
    const digest = pinned ?? resolved?.digest ?? '';
    const verdict = await verifyImageSignatures(client, address, digest, requirement);
    if (verdict.verified) return { entry, digest, verdict };
    const content =
      resolved === undefined || INDEX_TYPES.has(resolved.mediaType)
        ? await fetchManifest(client, { registry, repository, reference: digest })
        : undefined;
    const image = content?.kind === 'index' ? selectPlatform(content.index.manifests, platform) : undefined;
    if (image === undefined) return { entry, digest, verdict };
    const platformVerdict = await verifyImageSignatures(client, address, image.digest, requirement);
    return platformVerdict.verified
      ? { entry, digest: image.digest, verdict: platformVerdict }
      : { entry, digest, verdict };
  } catch (error) {
    return { entry, error: (error as Error).message };
  }
}

/** How {@link verifyImages} reaches the registries. */
export interface VerifyImagesOptions extends DockerClientOptions {
  /** The platform whose image an unsigned index is narrowed to. */
  readonly platform: Platform;
  /** Images verified at once (default 8). */
  readonly concurrency?: number | undefined;
}

/**
 * Every image entry verified ({@link verifyImage}) with a client that logs in as docker does; the
 * same reference is verified once.
 */
export async function verifyImages(
  entries: readonly ImageEntry[],
  requirement: SignatureRequirement,
  options: VerifyImagesOptions,
): Promise<ImageVerification[]> {
  const client = dockerRegistryClient(options);
  const verified = new Map<string, Promise<ImageVerification>>();
  return mapLimited(entries, options.concurrency ?? 8, async (entry) => {
    let pending = verified.get(entry.image);
    if (pending === undefined) {
      pending = verifyImage(client, entry, requirement, options.platform);
      verified.set(entry.image, pending);
    }
    return { ...(await pending), entry };
  });
}
