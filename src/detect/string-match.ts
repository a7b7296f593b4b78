/** ASCII-only lower case, as C's `tolower` in the C locale and `strcasestr` compare. */
export function asciiLower(text: string): string {
  return text.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
}

/** ASCII-only upper case. */
export function asciiUpper(text: string): string {
  return text.replace(/[a-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 32));
}

/**
 * A glob pattern as fnmatch(3) without FNM_PATHNAME reads it (libsinsp's `glob_match`): `*` any run
 * of characters including `/`, `?` one character, `[...]` a class (`!` or `^` negates), `\` escapes.
 */
export function globRegex(pattern: string, caseInsensitive: boolean): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '*') source += '[^]*';
    else if (c === '?') source += '[^]';
    else if (c === '\\' && i + 1 < pattern.length) source += escapeRegex(pattern[++i] as string);
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end === -1) source += '\\[';
      else {
        let body = pattern.slice(i + 1, end);
        const negated = body.startsWith('!') || body.startsWith('^');
        if (negated) body = body.slice(1);
        source += `[${negated ? '^' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
        i = end;
      }
    } else source += escapeRegex(c);
  }
  return new RegExp(`^${source}$`, caseInsensitive ? 'i' : '');
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

function pathComponents(path: string): string[] {
  return path.split('/').filter((part) => part.length > 0);
}

/**
 * `pmatch`: whether one of the paths is a prefix of `value`, component by component (libsinsp's
 * path_prefix_search): `/var/run` matches `/var/run` and `/var/run/docker.sock`, not `/var/running`;
 * a component that is a lone star stands for any one component.
 */
export function pathPrefixMatcher(paths: readonly string[]): (value: string) => boolean {
  const prefixes = paths.map(pathComponents);
  return (value) => {
    const parts = pathComponents(value);
    return prefixes.some(
      (prefix) =>
        prefix.length <= parts.length && prefix.every((part, i) => part === '*' || parts[i] === part),
    );
  };
}
