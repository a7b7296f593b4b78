import type { Labels } from '../model/label-selector.ts';
import { selectorMatches } from '../model/label-selector.ts';
import type { Mapping } from '../model/path.ts';

/** A selector test for one label set, identified by a small integer so results can be cached. */
export type Matcher = (labels: Labels, id: number) => boolean;

/**
 * Caches selector results per selector text. The returned function gives, for a selector, a test
 * whose answers are remembered per label-set id, so each distinct selector meets
 * each distinct label set once. The meaning of a selector is `selectorMatches`'s.
 */
export function selectorCache(): (selector: Mapping) => Matcher {
  const matchers = new Map<string, Matcher>();
  return (selector) => {
    const key = JSON.stringify(selector);
    let matcher = matchers.get(key);
    if (!matcher) {
      const known = new Map<number, boolean>();
      matcher = (labels, id) => {
        let matches = known.get(id);
        if (matches === undefined) known.set(id, (matches = selectorMatches(selector, labels)));
        return matches;
      };
      matchers.set(key, matcher);
    }
    return matcher;
  };
}
