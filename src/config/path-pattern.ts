import { RE2JS } from '@bufbuild/re2';
import picomatch from 'picomatch';

/** Longest `exclude.paths` pattern accepted, in characters (bounds compile time). */
export const MAX_PATTERN_LENGTH = 1024;
/** Most `exclude.paths` patterns accepted. */
export const MAX_PATTERNS = 1000;

/**
 * Guards picomatch adds against `.` and `..` segments and empty names. The paths matched here are
 * normalised and relative, with neither, so dropping the guards changes no result, and what remains
 * is a regular expression RE2 runs in time linear in the path.
 */
const SEGMENT_GUARDS = ['(?!(?:^|\\/)\\.{1,2}(?:\\/|$))', '(?!\\.{1,2}(?:\\/|$))', '(?=.)'];
/** picomatch's output for a pattern that can match nothing (an unclosed brace). */
const MATCHES_NOTHING = '$^';

/** One compiled `exclude.paths` pattern. */
export interface PathPattern {
  /** The pattern as written. */
  readonly glob: string;
  /** `!pattern`: re-includes what an earlier pattern excluded. */
  readonly negated: boolean;
  /** Matches a path that the pattern matches, or whose parent directory it matches. */
  readonly matcher: RE2JS;
}

/**
 * Compiles a pattern with gitignore's reading of it: a leading `!` negates, a trailing `/` matches
 * directories only, a leading `/` or `./` (or any `/` but a trailing one) anchors the pattern at the
 * config file's directory, and a pattern without one matches a name at any depth. The glob syntax
 * is picomatch's (`*`, `**`, `?`, `[abc]`, `[!abc]`, `{a,b}`, `{1..3}`, `\` escapes); extglobs are off.
 * Returns why, as a sentence, for a pattern that cannot be compiled.
 */
export function compilePathPattern(glob: string): PathPattern | string {
  if (glob.length > MAX_PATTERN_LENGTH) return `pattern longer than ${String(MAX_PATTERN_LENGTH)} characters`;
  const negated = glob.startsWith('!');
  let body = negated ? glob.slice(1) : glob;
  const directoryOnly = body.endsWith('/') && !body.endsWith('\\/');
  if (directoryOnly) body = body.replace(/\/+$/, '');
  const anchored = /^\.?\//.test(body) || body.includes('/');
  body = body.replace(/^(?:\.?\/)+/, '');
  if (body === '' || body === '.') return 'pattern matches no path';
  const source = picomatch.makeRe(anchored ? negateClasses(body) : `**/${negateClasses(body)}`, {
    dot: true,
    noextglob: true,
    nonegate: true,
  }).source;
  const linear = SEGMENT_GUARDS.reduce((text, guard) => text.split(guard).join(''), source);
  if (linear === MATCHES_NOTHING) return 'unbalanced braces';
  if (/\(\?[=!<]/.test(linear) || !linear.startsWith('^') || !linear.endsWith('$'))
    return 'pattern needs a look-around, which RE2 cannot run';
  const below = directoryOnly ? '/.*' : '(?:/.*)?';
  try {
    return { glob, negated, matcher: new RE2JS(`${linear.slice(0, -1)}${below}$`, RE2JS.DOTALL) };
  } catch (error) {
    return `cannot compile pattern: ${(error as Error).message}`;
  }
}

/** `[!abc]` is a negated class in gitignore and fnmatch; picomatch spells it `[^abc]`. */
function negateClasses(glob: string): string {
  return glob.replace(/(^|[^\\])\[!/g, '$1[^');
}

/**
 * Whether the pattern matches a path (relative, `/`-separated): the path itself, or, as a directory
 * pattern excludes everything below it, one of its parent directories. One linear-time pass.
 */
export function patternMatches(pattern: PathPattern, path: string): boolean {
  return pattern.matcher.test(path);
}

/**
 * The pattern that excludes a path: the last one matching it, unless that one is a `!` pattern
 * (which re-includes, even below an excluded directory, as in .dockerignore).
 */
export function excludingPattern(patterns: readonly PathPattern[], path: string): PathPattern | undefined {
  for (let i = patterns.length - 1; i >= 0; i--) {
    const pattern = patterns[i];
    if (pattern && patternMatches(pattern, path)) return pattern.negated ? undefined : pattern;
  }
  return undefined;
}
