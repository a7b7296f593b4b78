import type { ImageReference } from '../../model/image.ts';

/** The characters a glob may hold (sigstore/policy-controller pkg/apis/glob/glob.go, `validGlob`). */
const VALID_GLOB = /^[a-zA-Z0-9\-_:/*.]+$/;

/** Docker Hub as go-containerregistry names it; kubeward's references say `docker.io`. */
const HUB = 'docker.io';
const HUB_INDEX = 'index.docker.io';

/**
 * Why `glob` is no image glob, or undefined when it is one: letters, digits and `-_:/.*` only, as
 * sigstore/policy-controller accepts them.
 */
export function imageGlobError(glob: string): string | undefined {
  return VALID_GLOB.test(glob)
    ? undefined
    : `"${glob}" is no image glob: use letters, digits, "-_:/." and "*" (any run of characters but "/") or "**" (any run)`;
}

/**
 * A glob as a regular expression, as sigstore/policy-controller compiles one (pkg/apis/glob/glob.go):
 * `*` is any run of characters but `/`, `**` any run at all, `.` itself, the whole name matched.
 * Its shorthands, a lone `*` and `*` followed by `/*`, stand for Docker Hub's official and user images. Throws on an invalid
 * glob (validate with {@link imageGlobError} first).
 */
export function compileImageGlob(glob: string): RegExp {
  const error = imageGlobError(glob);
  if (error !== undefined) throw new Error(error);
  const expanded = glob === '*' ? `${HUB_INDEX}/library/*` : glob === '*/*' ? `${HUB_INDEX}/*/*` : glob;
  const source = expanded
    .replace(/\./g, '\\.')
    .replace(/\*\*/g, '\u0000')
    .replace(/\*/g, '[^/]*')
    .replace(/\u0000/g, '.*');
  return new RegExp(`^${source}$`);
}

/**
 * The names a glob is matched against, as go-containerregistry's `Reference.Name()` gives them:
 * `registry/repository@digest` when the reference has a digest (a tag beside it is ignored, as
 * runtimes pull by the digest), else `registry/repository:tag` (`latest` when no tag is written).
 * Docker Hub is offered both as `index.docker.io` (policy-controller's spelling) and `docker.io`.
 */
export function globNames(reference: ImageReference): readonly string[] {
  const suffix = reference.digest !== undefined ? `@${reference.digest}` : `:${reference.tag ?? 'latest'}`;
  const name = `${reference.repository}${suffix}`;
  return reference.registry === HUB || reference.registry === HUB_INDEX
    ? [`${HUB_INDEX}/${name}`, `${HUB}/${name}`]
    : [`${reference.registry}/${name}`];
}

/** Whether a compiled glob matches a reference under any of its {@link globNames}. */
export function globMatches(glob: RegExp, reference: ImageReference): boolean {
  return globNames(reference).some((name) => glob.test(name));
}
