/** The parts of an image reference: `registry/repository:tag@digest`. */
export interface ImageReference {
  /**
   * Registry host as written (with its port), `docker.io` when the reference names none; empty in
   * the rare reference whose first component looks like a host but is none (`a.b_c/d`).
   */
  readonly registry: string;
  /** Repository path without the registry (`library/nginx` for `nginx`). */
  readonly repository: string;
  readonly tag: string | undefined;
  readonly digest: string | undefined;
}

/** A reference as distribution/reference judges it: its parts, or the error a runtime gives. */
export type ImageReferenceResult =
  | { readonly valid: true; readonly reference: ImageReference }
  | { readonly valid: false; readonly error: string };

// The grammar of distribution/reference (regexp.go), built the same way; JavaScript's and Go's
// regexp engines agree on these (leftmost-first alternation, ASCII \w).
const ALPHANUMERIC = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|[-]+)';
const PATH_COMPONENT = `${ALPHANUMERIC}(?:${SEPARATOR}${ALPHANUMERIC})*`;
const REMOTE_NAME = `${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN_NAME = `${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*`;
const HOST = `(?:${DOMAIN_NAME}|\\[(?:[a-fA-F0-9:]+)\\])`;
const DOMAIN_AND_PORT = `${HOST}(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9A-Fa-f]{32,}';
const NAME = `(?:${DOMAIN_AND_PORT}/)?${REMOTE_NAME}`;
const REFERENCE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);
const ANCHORED_NAME = new RegExp(`^(?:(${DOMAIN_AND_PORT})/)?(${REMOTE_NAME})$`);
const IDENTIFIER = /^[a-f0-9]{64}$/;
/** go-digest: the loose digest shape it checks before calling an algorithm unsupported. */
const LOOSE_DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;

/** reference.go `RepositoryNameTotalLengthMax`: the path, without the domain. */
export const REPOSITORY_NAME_MAX = 255;
/** Docker Hub's canonical domain (normalize.go `defaultDomain`). */
export const DEFAULT_REGISTRY = 'docker.io';
const LEGACY_DEFAULT_REGISTRY = 'index.docker.io';
const OFFICIAL_PREFIX = 'library/';

/** The digest algorithms go-digest registers (algorithm.go), with the length of their hex encoding. */
const DIGEST_HEX_LENGTH: ReadonlyMap<string, number> = new Map([
  ['sha256', 64],
  ['sha384', 96],
  ['sha512', 128],
]);

/**
 * Why a digest is not usable, as go-digest's `Parse` says it (digest.go, algorithm.go), or
 * undefined when it is: a registered algorithm and its exact lowercase hex encoding.
 */
export function digestError(digest: string): string | undefined {
  const colon = digest.indexOf(':');
  if (colon <= 0 || colon + 1 === digest.length) return 'invalid checksum digest format';
  const length = DIGEST_HEX_LENGTH.get(digest.slice(0, colon));
  if (length === undefined)
    return LOOSE_DIGEST.test(digest) ? 'unsupported digest algorithm' : 'invalid checksum digest format';
  const encoded = digest.slice(colon + 1);
  return encoded.length === length && /^[a-f0-9]+$/.test(encoded)
    ? undefined
    : 'invalid checksum digest format';
}

/** normalize.go `splitDockerDomain`: the domain a runtime pulls from, and the rest of the reference. */
function splitDomain(image: string): readonly [string, string] {
  const slash = image.indexOf('/');
  if (slash === -1) return [DEFAULT_REGISTRY, OFFICIAL_PREFIX + image];
  const head = image.slice(0, slash);
  const rest = image.slice(slash + 1);
  const [domain, remainder] =
    head === 'localhost' || /[.:]/.test(head) || head.toLowerCase() !== head
      ? [head, rest]
      : head === LEGACY_DEFAULT_REGISTRY
        ? [DEFAULT_REGISTRY, rest]
        : [DEFAULT_REGISTRY, image];
  const canonical = domain === LEGACY_DEFAULT_REGISTRY ? DEFAULT_REGISTRY : domain;
  return canonical === DEFAULT_REGISTRY && !remainder.includes('/')
    ? [canonical, OFFICIAL_PREFIX + remainder]
    : [canonical, remainder];
}

/**
 * Parses an image reference exactly as the container runtimes do: distribution/reference's
 * `ParseNormalizedNamed` (normalize.go) over its grammar (regexp.go, reference.go). A name without a
 * registry is on `docker.io`, a one-component name there is under `library/`, `index.docker.io`
 * becomes `docker.io`, a first component is a registry when it holds `.` or `:`, is `localhost` or
 * has an uppercase letter; a tag and a digest may come together. Invalid references get the
 * runtime's own error text.
 */
export function checkImageReference(image: string): ImageReferenceResult {
  if (IDENTIFIER.test(image))
    return {
      valid: false,
      error: `invalid repository name (${image}), cannot specify 64-byte hexadecimal strings`,
    };
  const [domain, remainder] = splitDomain(image);
  const tagSeparator = remainder.indexOf(':');
  const remote = tagSeparator === -1 ? remainder : remainder.slice(0, tagSeparator);
  if (remote.toLowerCase() !== remote)
    return { valid: false, error: `invalid reference format: repository name (${remote}) must be lowercase` };
  const full = `${domain}/${remainder}`;
  const match = REFERENCE.exec(full);
  if (match === null) {
    const lower = full.toLowerCase();
    const error =
      lower !== full && REFERENCE.test(lower)
        ? 'repository name must be lowercase'
        : 'invalid reference format';
    return { valid: false, error };
  }
  const name = ANCHORED_NAME.exec(match[1] ?? '');
  const registry = name?.[1] ?? '';
  const repository = name?.[2] ?? '';
  if (repository.length > REPOSITORY_NAME_MAX)
    return { valid: false, error: `repository name must not be more than ${REPOSITORY_NAME_MAX} characters` };
  const digest = match[3];
  const badDigest = digest === undefined ? undefined : digestError(digest);
  if (badDigest !== undefined) return { valid: false, error: badDigest };
  return { valid: true, reference: { registry, repository, tag: match[2], digest } };
}

/**
 * The parts of an image reference, for checks that judge what a reference names even when a runtime
 * would refuse it: a valid reference as {@link checkImageReference} reads it; an invalid one split
 * the same way (registry by the same rule, a tag after the last `:` after the last `/`, a digest
 * after `@`) without judging its characters.
 */
export function parseImageReference(image: string): ImageReference {
  const checked = checkImageReference(image);
  if (checked.valid) return checked.reference;
  const at = image.indexOf('@');
  const digest = at === -1 ? undefined : image.slice(at + 1);
  const named = at === -1 ? image : image.slice(0, at);
  const slash = named.lastIndexOf('/');
  const colon = named.lastIndexOf(':');
  const tag = colon > slash ? named.slice(colon + 1) : undefined;
  const [registry, repository] = splitDomain(colon > slash ? named.slice(0, colon) : named);
  return {
    registry,
    repository,
    tag: tag === '' ? undefined : tag,
    digest: digest === '' ? undefined : digest,
  };
}

/** The reference written back in full: `registry/repository[:tag][@digest]`. */
export function formatImageReference(reference: ImageReference): string {
  const tag = reference.tag === undefined ? '' : `:${reference.tag}`;
  const digest = reference.digest === undefined ? '' : `@${reference.digest}`;
  const registry = reference.registry === '' ? '' : `${reference.registry}/`;
  return `${registry}${reference.repository}${tag}${digest}`;
}
