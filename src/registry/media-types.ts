/** An OCI image index (opencontainers/image-spec media-types.md). */
export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
/** An OCI image manifest. */
export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
/** Docker's manifest list, the index of Docker Image Manifest V2 Schema 2. */
export const DOCKER_MANIFEST_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';
/** Docker Image Manifest V2 Schema 2. */
export const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';

/** The index media types: a manifest of manifests, one per platform. */
export const INDEX_TYPES: ReadonlySet<string> = new Set([OCI_INDEX, DOCKER_MANIFEST_LIST]);
/** The image manifest media types. */
export const MANIFEST_TYPES: ReadonlySet<string> = new Set([OCI_MANIFEST, DOCKER_MANIFEST]);

/**
 * The `Accept` header of a manifest request: every type kubeward reads, so a registry answers with
 * the index or manifest as pushed instead of converting it to a legacy schema (distribution
 * spec.md "Pulling manifests").
 */
export const MANIFEST_ACCEPT = [OCI_INDEX, DOCKER_MANIFEST_LIST, OCI_MANIFEST, DOCKER_MANIFEST].join(', ');
