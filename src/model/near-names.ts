/**
 * The names that look like `typed`, nearest first: those within a few edits of it (a typo), then
 * those containing one of its words (runs of letters and digits longer than two characters). For
 * "did you mean" hints on unknown ids.
 */
export function nearNames(names: readonly string[], typed: string): string[] {
  const text = typed.toLowerCase();
  const limit = Math.max(2, Math.floor(text.length / 4));
  const typos = names
    .map((name) => ({ name, distance: editDistance(name, text) }))
    .filter(({ distance }) => distance <= limit)
    .sort((a, b) => a.distance - b.distance)
    .map(({ name }) => name);
  const words = text.split(/[^a-z0-9]+/).filter((word) => word.length > 2);
  const sharing = names.filter((name) => !typos.includes(name) && words.some((word) => name.includes(word)));
  return [...typos, ...sharing];
}

/** ` (did you mean: a, b?)` for up to five near names, or '' when there are none. */
export function didYouMean(names: readonly string[], typed: string): string {
  const near = nearNames(names, typed);
  return near.length > 0 ? ` (did you mean: ${near.slice(0, 5).join(', ')}?)` : '';
}

/** Levenshtein distance: insertions, deletions and substitutions. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    previous = current;
  }
  return previous[b.length] ?? 0;
}
