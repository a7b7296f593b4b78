import { UsageError } from '../model/errors.ts';
import { isGlob, nameGlob } from '../model/name-glob.ts';
import { didYouMean } from '../model/near-names.ts';

/** `--check` and `--skip`: ids or globs (`pss-*`), each repeatable. */
export interface CheckSelection {
  /** Run only checks matching one of these; empty means every check. */
  readonly only: readonly string[];
  /** Do not run checks matching one of these (after `only`). */
  readonly skip: readonly string[];
}

/**
 * Whether a check id is selected by `--check` and `--skip`. An id or glob that matches none of
 * `ids` is a UsageError naming the flag and near ids: a typo must not silently select nothing.
 */
export function checkSelector(ids: readonly string[], selection: CheckSelection): (id: string) => boolean {
  const compile = (flag: string, patterns: readonly string[]): ((id: string) => boolean)[] =>
    patterns.map((pattern) => {
      const matches = nameGlob(pattern);
      if (!ids.some(matches))
        throw new UsageError(
          `${flag} ${pattern}: ${isGlob(pattern) ? 'matches no check' : 'unknown check'}` +
            `${didYouMean(ids, pattern)}; run kubeward checks list`,
        );
      return matches;
    });
  const only = compile('--check', selection.only);
  const skip = compile('--skip', selection.skip);
  return (id) =>
    (only.length === 0 || only.some((matches) => matches(id))) && !skip.some((matches) => matches(id));
}
