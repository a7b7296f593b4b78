/** The parts of an image reference: `registry/repository:tag@digest`. */
export interface ImageReference {
  /** Registry host as written, or `docker.io` when the reference names none. */
  readonly registry: string;
  /** Repository path without the registry (`library/nginx` for `nginx`). */
  readonly repository: string;
  readonly tag: string | undefined;
  readonly digest: string | undefined;
}

/**
 * Splits an image reference the way the container runtimes do (distribution/reference): the first
 * path component is a registry only when it contains `.` or `:` or is `localhost`; a tag follows the
 * last `:` after the last `/`; a digest follows `@`.
 */
export function parseImageReference(image: string): ImageReference {
  const at = image.indexOf('@');
  const digest = at === -1 ? undefined : image.slice(at + 1);
  const named = at === -1 ? image : image.slice(0, at);
  const slash = named.lastIndexOf('/');
  const colon = named.lastIndexOf(':');
  const tag = colon > slash ? named.slice(colon + 1) : undefined;
  const name = colon > slash ? named.slice(0, colon) : named;
  const first = name.indexOf('/');
  const head = first === -1 ? '' : name.slice(0, first);
  const hasRegistry = head.includes('.') || head.includes(':') || head === 'localhost';
  const registry = hasRegistry ? head : 'docker.io';
  const path = hasRegistry ? name.slice(first + 1) : name;
  const repository = registry === 'docker.io' && !path.includes('/') ? `library/${path}` : path;
  return {
    registry,
    repository,
    tag: tag === '' ? undefined : tag,
    digest: digest === '' ? undefined : digest,
  };
}
