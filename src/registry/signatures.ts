import {
  COSIGN_ANNOTATIONS,
  SIGSTORE_BUNDLE_MEDIA_TYPE,
  SIMPLE_SIGNING_MEDIA_TYPE,
} from '../model/image-signature.ts';
import type { BundleSignature, FoundSignatures, SimpleSignature } from '../model/image-signature.ts';
import type { Descriptor } from '../model/image-source.ts';
import { isRecord } from '../model/path.ts';
import type { RegistryClient } from './client.ts';
import { RegistryError, readBody, verifyDigest } from './client.ts';
import { descriptorOf, parseManifest } from './manifest.ts';
import { DOCKER_MANIFEST, OCI_INDEX, OCI_MANIFEST } from './media-types.ts';
import { MAX_MANIFEST_BYTES } from './resolve.ts';

/** Largest signature payload or bundle read. */
export const MAX_SIGNATURE_BYTES = 1024 * 1024;
/** Most signature layers or referrers read for one image. */
const MAX_ARTIFACTS = 64;

/** A repository of a registry. */
export interface RepositoryAddress {
  readonly registry: string;
  readonly repository: string;
}

/** `sha256:abc…` as a tag: `sha256-abc…` (cosign pkg/oci/remote/remote.go, distribution-spec referrers tag schema). */
export function digestTag(digest: string): string {
  return digest.replace(':', '-');
}

const isNotFound = (error: unknown): boolean => error instanceof RegistryError && error.status === 404;

async function blob(
  client: RegistryClient,
  address: RepositoryAddress,
  descriptor: Descriptor,
  what: string,
): Promise<Buffer> {
  if (descriptor.size > MAX_SIGNATURE_BYTES)
    throw new RegistryError(
      `${what}: ${String(descriptor.size)} bytes, more than the ${String(MAX_SIGNATURE_BYTES)} accepted`,
    );
  const response = await client.open(address.registry, address.repository, `blobs/${descriptor.digest}`, {
    method: 'GET',
    maxBytes: MAX_SIGNATURE_BYTES,
  });
  const body = await readBody(response, MAX_SIGNATURE_BYTES, what);
  verifyDigest(body, descriptor.digest, what);
  return body;
}

/**
 * The simple signing layers of cosign's signature manifest, `<repo>:sha256-<hex>.sig`
 * (cosign pkg/oci/remote/signatures.go): each payload blob with the layer's signature,
 * certificate, chain and Rekor bundle annotations. No such tag: none.
 */
export async function findSimpleSignatures(
  client: RegistryClient,
  address: RepositoryAddress,
  digest: string,
  notes: string[],
): Promise<SimpleSignature[]> {
  const tag = `${digestTag(digest)}.sig`;
  const where = `${address.registry}/${address.repository}:${tag}`;
  let response;
  try {
    response = await client.fetch(address.registry, address.repository, `manifests/${tag}`, {
      method: 'GET',
      accept: [OCI_MANIFEST, DOCKER_MANIFEST].join(', '),
      maxBytes: MAX_MANIFEST_BYTES,
    });
  } catch (error) {
    if (isNotFound(error)) {
      notes.push(`no signature tag ${where}`);
      return [];
    }
    throw error;
  }
  const content = parseManifest(response.body, response.headers['content-type'], '', where);
  if (content.kind !== 'manifest') throw new RegistryError(`${where}: an index, not a signature manifest`);
  const found: SimpleSignature[] = [];
  for (const [index, layer] of content.manifest.layers.slice(0, MAX_ARTIFACTS).entries()) {
    const origin = `${where} layer ${String(index)}`;
    if (layer.mediaType !== SIMPLE_SIGNING_MEDIA_TYPE) {
      notes.push(`${origin}: media type ${layer.mediaType}, not a simple signing payload`);
      continue;
    }
    const annotations = layer.annotations ?? {};
    found.push({
      origin,
      payload: await blob(client, address, layer, origin),
      signature: annotations[COSIGN_ANNOTATIONS.signature],
      certificate: annotations[COSIGN_ANNOTATIONS.certificate],
      chain: annotations[COSIGN_ANNOTATIONS.chain],
      bundle: annotations[COSIGN_ANNOTATIONS.bundle],
    });
  }
  return found;
}

/** A referrer: a descriptor with the artifact type it declares. */
interface Referrer {
  readonly descriptor: Descriptor;
  readonly artifactType: string | undefined;
}

function referrersOf(body: Buffer, what: string): Referrer[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new RegistryError(`${what}: the referrers index is not JSON`);
  }
  if (!isRecord(parsed) || !Array.isArray(parsed.manifests))
    throw new RegistryError(`${what}: the referrers answer is no index`);
  return parsed.manifests.map((entry: unknown) => ({
    descriptor: descriptorOf(entry, what),
    artifactType: isRecord(entry) && typeof entry.artifactType === 'string' ? entry.artifactType : undefined,
  }));
}

/**
 * The referrers of `digest` (distribution-spec spec.md "Listing Referrers"): the referrers API,
 * filtered by `artifactType`; when the registry answers 404 (no referrers API), the index the
 * referrers tag schema keeps at `<repo>:sha256-<hex>`. Filtered again here: a registry may
 * ignore the filter, and the tag schema has none.
 */
export async function findReferrers(
  client: RegistryClient,
  address: RepositoryAddress,
  digest: string,
  artifactType: string,
  notes: string[],
): Promise<Descriptor[]> {
  const where = `${address.registry}/${address.repository}`;
  let referrers: Referrer[];
  try {
    const path = `referrers/${digest}?artifactType=${encodeURIComponent(artifactType)}`;
    const response = await client.fetch(address.registry, address.repository, path, {
      method: 'GET',
      accept: OCI_INDEX,
      maxBytes: MAX_MANIFEST_BYTES,
    });
    referrers = referrersOf(response.body, `${where} referrers of ${digest}`);
  } catch (error) {
    if (!isNotFound(error)) throw error;
    const tag = digestTag(digest);
    notes.push(`${where}: no referrers API (404); read the referrers tag ${tag}`);
    try {
      const response = await client.fetch(address.registry, address.repository, `manifests/${tag}`, {
        method: 'GET',
        accept: OCI_INDEX,
        maxBytes: MAX_MANIFEST_BYTES,
      });
      referrers = referrersOf(response.body, `${where}:${tag}`);
    } catch (inner) {
      if (!isNotFound(inner)) throw inner;
      notes.push(`no referrers tag ${where}:${tag}`);
      return [];
    }
  }
  return referrers
    .filter((referrer) => referrer.artifactType === artifactType)
    .slice(0, MAX_ARTIFACTS)
    .map((referrer) => referrer.descriptor);
}

/**
 * The Sigstore bundles attached to `digest` as referrers of artifact type
 * `application/vnd.dev.sigstore.bundle.v0.3+json`, as cosign's new bundle format writes them
 * (pkg/oci/remote/write.go WriteAttestationNewBundleFormat): a manifest whose layer is the bundle.
 */
export async function findBundles(
  client: RegistryClient,
  address: RepositoryAddress,
  digest: string,
  notes: string[],
): Promise<BundleSignature[]> {
  const where = `${address.registry}/${address.repository}`;
  const found: BundleSignature[] = [];
  for (const descriptor of await findReferrers(client, address, digest, SIGSTORE_BUNDLE_MEDIA_TYPE, notes)) {
    const origin = `${where}@${descriptor.digest}`;
    const response = await client.fetch(
      address.registry,
      address.repository,
      `manifests/${descriptor.digest}`,
      {
        method: 'GET',
        accept: OCI_MANIFEST,
        maxBytes: MAX_MANIFEST_BYTES,
      },
    );
    verifyDigest(response.body, descriptor.digest, origin);
    const content = parseManifest(response.body, response.headers['content-type'], descriptor.digest, origin);
    const layer =
      content.kind === 'manifest'
        ? content.manifest.layers.find((item) => item.mediaType === SIGSTORE_BUNDLE_MEDIA_TYPE)
        : undefined;
    if (layer === undefined) {
      notes.push(`${origin}: no ${SIGSTORE_BUNDLE_MEDIA_TYPE} layer`);
      continue;
    }
    found.push({ origin, bundle: (await blob(client, address, layer, origin)).toString('utf8') });
  }
  return found;
}

/** Every cosign signature and Sigstore bundle a registry holds for `digest`. */
export async function findSignatures(
  client: RegistryClient,
  address: RepositoryAddress,
  digest: string,
): Promise<FoundSignatures> {
  const notes: string[] = [];
  const simple = await findSimpleSignatures(client, address, digest, notes);
  const bundles = await findBundles(client, address, digest, notes);
  return { simple, bundles, notes };
}
