/**
 * An image as the OCI image specification describes it, read from wherever it lives: a registry
 * (`src/registry/`), an OCI layout directory or a `docker save` / OCI tar archive. Consumers (the
 * layer applier, the SBOM) see only this interface.
 *
 * Models opencontainers/image-spec: descriptor.md, manifest.md, image-index.md, config.md.
 */

/** A platform as an index entry or an image config names it (image-index.md, `platform`). */
export interface Platform {
  readonly os: string;
  readonly architecture: string;
  readonly variant?: string | undefined;
  readonly osVersion?: string | undefined;
}

/** A content descriptor (descriptor.md): what a manifest, index or layer points to. */
export interface Descriptor {
  readonly mediaType: string;
  /** `algorithm:encoded`, e.g. `sha256:…`. */
  readonly digest: string;
  readonly size: number;
  readonly platform?: Platform | undefined;
  readonly annotations?: Readonly<Record<string, string>> | undefined;
}

/** An image manifest (manifest.md), or a Docker v2 schema 2 manifest, which has the same fields. */
export interface ImageManifest {
  readonly schemaVersion: number;
  readonly mediaType: string;
  readonly config: Descriptor;
  /** Base layer first, in the order they are applied. */
  readonly layers: readonly Descriptor[];
  readonly annotations?: Readonly<Record<string, string>> | undefined;
}

/** The parts of an image configuration (config.md) that consumers use; other fields are kept as read. */
export interface ImageConfig {
  readonly architecture?: string | undefined;
  readonly os?: string | undefined;
  readonly variant?: string | undefined;
  readonly created?: string | undefined;
  readonly config?: Readonly<Record<string, unknown>> | undefined;
  readonly rootfs?: { readonly type: string; readonly diff_ids: readonly string[] } | undefined;
  readonly history?: readonly Readonly<Record<string, unknown>>[] | undefined;
}

/**
 * One image, already narrowed to one platform when its reference named an index. Each method
 * reads (or re-reads) its content; every byte returned has been checked against its digest, and a
 * mismatch or a blob larger than its descriptor's size is an error.
 */
export interface ImageSource {
  /** What the image was read from, for messages: `registry.example/app@sha256:…`, `image.tar`. */
  readonly name: string;
  /** The digest of the image manifest (`sha256:…`). */
  manifestDigest(): Promise<string>;
  manifest(): Promise<ImageManifest>;
  config(): Promise<ImageConfig>;
  /**
   * The bytes of a blob (a layer, as stored: usually gzip-compressed tar). The digest is verified
   * as the stream is read: the iteration throws at its end when the content does not match.
   */
  blob(descriptor: Descriptor): Promise<AsyncIterable<Uint8Array>>;
}
