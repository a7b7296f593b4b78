/**
 * Compiles a path glob to a RegExp: `**` spans directories, `*` and `?` stay within one segment.
 * A pattern without `/` matches a file name at any depth (`*.json`), as .gitignore does.
 */
export function globToRegExp(glob: string): RegExp {
  let pattern = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob.charAt(i);
    if (char === '*' && glob.charAt(i + 1) === '*') {
      const slash = glob.charAt(i + 2) === '/';
      pattern += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (char === '*') pattern += '[^/]*';
    else if (char === '?') pattern += '[^/]';
    else pattern += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  const anchored = glob.includes('/') ? `^(?:\\./)?${pattern}(?:/.*)?$` : `(?:^|/)${pattern}$`;
  return new RegExp(anchored);
}
