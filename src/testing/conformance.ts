import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';

/** Names the directory of upstream corpora that `npm run conformance` reads (laid out as `corpus/`, `reference/`). */
export const CONFORMANCE_DIR_VARIABLE = 'KUBEWARD_CONFORMANCE_DIR';

/**
 * The absolute path of an upstream file or directory under KUBEWARD_CONFORMANCE_DIR, e.g.
 * `conformancePath('corpus/kubesec')`. Throws a one-line error when the variable is
 * unset or the path is missing, so a conformance file fails at load instead of passing on nothing.
 */
export function conformancePath(relative: string): string {
  const root = process.env[CONFORMANCE_DIR_VARIABLE];
  if (root === undefined || root === '')
    throw new Error(
      `${CONFORMANCE_DIR_VARIABLE} is not set: point it at the upstream corpora (corpus/, reference/)`,
    );
  const path = join(isAbsolute(root) ? root : resolve(root), relative);
  if (!existsSync(path)) throw new Error(`${CONFORMANCE_DIR_VARIABLE}: ${path} does not exist`);
  return path;
}
