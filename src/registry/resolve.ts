import type { RegistryClient } from './client.ts';
import { RegistryError, hasherFor, verifyDigest } from './client.ts';
import { parseManifest } from './manifest.ts';
import type { ManifestContent } from './manifest.ts';
import { MANIFEST_ACCEPT } from './media-types.ts';

/** Largest manifest or index read (distribution's own limit for manifests is 4 MiB). */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

/** Where a manifest is: registry, repository, and a tag or digest. */
export interface ManifestAddress {
  readonly registry: string;
  readonly repository: string;
  /** A tag, or a digest (`sha256:…`). */
  readonly reference: string;
}

/** What a tag points to: the digest of the manifest or index, and its media type. */
export interface Resolved {
  readonly digest: string;
  readonly mediaType: string;
  readonly size: number;
}

const describe = (address: ManifestAddress): string =>
  `${address.registry}/${address.repository}${address.reference.includes(':') ? '@' : ':'}${address.reference}`;

/**
 * The digest a tag points to today (distribution spec.md "Checking if content exists"): HEAD the
 * manifest with every manifest and index type accepted and read `Docker-Content-Digest`; when HEAD
 * is refused or gives no digest, GET the manifest and hash what it gave (a refusal then carries the
 * registry's error).
 */
export async function resolveTag(
  client: RegistryClient,
  address: ManifestAddress,
  maxBytes = MAX_MANIFEST_BYTES,
): Promise<Resolved> {
  const path = `manifests/${address.reference}`;
  try {
    const head = await client.fetch(address.registry, address.repository, path, {
      method: 'HEAD',
      accept: MANIFEST_ACCEPT,
      maxBytes,
    });
    const digest = head.headers['docker-content-digest'];
    const mediaType = (head.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
    const size = Number(head.headers['content-length']);
    if (
      typeof digest === 'string' &&
      /^sha(256|384|512):[a-f0-9]+$/.test(digest) &&
      Number.isSafeInteger(size)
    ) {
      if (size > maxBytes)
        throw new RegistryError(
          `${describe(address)}: manifest of ${String(size)} bytes, more than the ${String(maxBytes)} accepted`,
        );
      return { digest, mediaType, size };
    }
  } catch (error) {
    // A HEAD answer has no body: GET again for the registry's own words (or content to hash).
    if (!(error instanceof RegistryError) || error.status === undefined) throw error;
  }
  const content = await fetchManifest(client, address, maxBytes);
  return { digest: content.digest, mediaType: content.mediaType, size: content.size };
}

/**
 * GET a manifest or index, its size bounded; its digest is the hash of the bytes served, checked
 * against the reference when that is a digest, and against `Docker-Content-Digest` when sent.
 */
export async function fetchManifest(
  client: RegistryClient,
  address: ManifestAddress,
  maxBytes = MAX_MANIFEST_BYTES,
): Promise<ManifestContent & { readonly size: number }> {
  const what = describe(address);
  const response = await client.fetch(
    address.registry,
    address.repository,
    `manifests/${address.reference}`,
    { method: 'GET', accept: MANIFEST_ACCEPT, maxBytes },
  );
  const expected = address.reference.includes(':') ? address.reference : undefined;
  const announced = response.headers['docker-content-digest'];
  const algorithm =
    (expected ?? (typeof announced === 'string' ? announced : 'sha256:')).split(':')[0] ?? 'sha256';
  const digest = `${algorithm}:${hasherFor(`${algorithm}:`).update(response.body).digest('hex')}`;
  if (expected !== undefined) verifyDigest(response.body, expected, what);
  else if (typeof announced === 'string' && announced !== digest)
    throw new RegistryError(
      `${what}: content does not match its digest: the registry says ${announced}, the manifest hashes to ${digest}`,
    );
  return {
    ...parseManifest(response.body, response.headers['content-type'], digest, what),
    size: response.body.length,
  };
}
