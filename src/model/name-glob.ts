/**
 * A glob over a name (a check id, a kind, a namespace, an object name): `*` stands for any run of
 * characters, `?` for one; every other character stands for itself. The whole name must match.
 */
export function nameGlob(glob: string): (name: string) => boolean {
  if (!/[*?]/.test(glob)) return (name) => name === glob;
  const source = glob
    .split('')
    .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
    .join('');
  const pattern = new RegExp(`^${source}$`, 's');
  return (name) => pattern.test(name);
}

/** Whether `text` is a glob (holds `*` or `?`) rather than a plain name. */
export function isGlob(text: string): boolean {
  return /[*?]/.test(text);
}
