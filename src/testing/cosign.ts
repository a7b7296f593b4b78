/**
 * Cosign's signature layouts pushed to a test registry, as cosign writes them: the simple signing
 * manifest at `<repo>:sha256-<hex>.sig` (cosign pkg/oci/remote/write.go WriteSignatures,
 * pkg/oci/static), and a Sigstore bundle as an OCI 1.1 referrer (WriteAttestationNewBundleFormat)
 * with the referrers tag schema index a client keeps when the registry has no referrers API
 * (opencontainers/distribution-spec spec.md "Pushing Manifests with Subject").
 */
import { createHash } from 'node:crypto';
import type { PushedImage, RegistryPusher } from './registry.ts';

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const sha256 = (bytes: Uint8Array): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
const tagOf = (digest: string): string => digest.replace(':', '-');

/** One signature layer: its payload and the annotations cosign sets on it. */
export interface SignatureLayer {
  readonly payload: Buffer;
  readonly annotations: Readonly<Record<string, string>>;
}

/** Pushes cosign's signature manifest for `digest`: one simple signing layer per signature. */
export async function pushSignatures(
  pusher: RegistryPusher,
  repository: string,
  digest: string,
  layers: readonly SignatureLayer[],
): Promise<string> {
  const descriptors = [];
  for (const layer of layers) {
    descriptors.push({
      mediaType: 'application/vnd.dev.cosign.simplesigning.v1+json',
      size: layer.payload.length,
      digest: await pusher.blob(repository, layer.payload),
      annotations: layer.annotations,
    });
  }
  const config = Buffer.from(
    JSON.stringify({
      architecture: '',
      os: '',
      config: {},
      rootfs: { type: 'layers', diff_ids: descriptors.map((layer) => layer.digest) },
    }),
  );
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: {
        mediaType: 'application/vnd.oci.image.config.v1+json',
        size: config.length,
        digest: await pusher.blob(repository, config),
      },
      layers: descriptors,
    }),
  );
  return pusher.manifest(repository, `${tagOf(digest)}.sig`, OCI_MANIFEST, manifest);
}

/** A referrer as the referrers index lists it. */
export interface ReferrerDescriptor {
  readonly mediaType: string;
  readonly size: number;
  readonly digest: string;
  readonly artifactType: string;
}

/**
 * Pushes an artifact of `artifactType` as a referrer of `image`: a manifest with that artifact
 * type, the empty config, one layer of `content` (of media type `artifactType`) and `subject` the
 * image, as cosign's WriteAttestationNewBundleFormat writes a Sigstore bundle (with its annotations).
 */
export async function pushReferrer(
  pusher: RegistryPusher,
  repository: string,
  image: PushedImage,
  artifactType: string,
  content: string,
): Promise<ReferrerDescriptor> {
  const bytes = Buffer.from(content);
  const empty = Buffer.from('{}');
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      artifactType,
      config: {
        mediaType: 'application/vnd.oci.empty.v1+json',
        size: empty.length,
        digest: await pusher.blob(repository, empty),
      },
      layers: [{ mediaType: artifactType, size: bytes.length, digest: await pusher.blob(repository, bytes) }],
      subject: { mediaType: image.mediaType, size: image.manifest.length, digest: image.digest },
      annotations: {
        'dev.sigstore.bundle.content': 'dsse-envelope',
        'dev.sigstore.bundle.predicateType': 'https://sigstore.dev/cosign/sign/v1',
      },
    }),
  );
  const digest = await pusher.manifest(repository, sha256(manifest), OCI_MANIFEST, manifest);
  return { mediaType: OCI_MANIFEST, size: manifest.length, digest, artifactType };
}

/** Pushes the referrers tag schema index `<repo>:sha256-<hex>` of `image`, listing `referrers`. */
export async function pushReferrersIndex(
  pusher: RegistryPusher,
  repository: string,
  image: PushedImage,
  referrers: readonly ReferrerDescriptor[],
): Promise<string> {
  const mediaType = 'application/vnd.oci.image.index.v1+json';
  const index = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType, manifests: referrers }));
  return pusher.manifest(repository, tagOf(image.digest), mediaType, index);
}
