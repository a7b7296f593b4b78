import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../model/diagnostic.ts';
import { ConfigError } from '../model/errors.ts';
import { compilePathPattern, excludingPattern, MAX_PATTERNS, patternMatches } from './path-pattern.ts';
import type { PathPattern } from './path-pattern.ts';

/** Where a config value was written. */
export interface ConfigPlace {
  readonly line: number;
  readonly column: number;
}

/** `exclude.paths` compiled: which files it excludes, and which patterns were of no use. */
export interface PathExclusions {
  /** The pattern that excludes findings on objects read from `file`, if one does. */
  readonly excluding: (file: string) => string | undefined;
  /** One warning for each pattern that matches none of `files` (the files a scan read). */
  readonly unmatched: (files: readonly string[]) => Diagnostic[];
}

/**
 * Compiles `exclude.paths` of the config file `configFile`. Patterns apply to paths relative to the
 * config file's directory (see {@link compilePathPattern}); files outside it and stdin are never
 * excluded. A pattern that cannot be compiled is a ConfigError at `place(i)`.
 */
export function pathExclusions(
  globs: readonly string[],
  configFile: string | undefined,
  place: (index: number) => ConfigPlace,
): PathExclusions {
  const at = (i: number): string => `${configFile ?? ''}:${String(place(i).line)}:${String(place(i).column)}`;
  if (globs.length > MAX_PATTERNS)
    throw new ConfigError(`${at(MAX_PATTERNS)}: exclude.paths: more than ${String(MAX_PATTERNS)} patterns`);
  const patterns: PathPattern[] = globs.map((glob, i) => {
    const compiled = compilePathPattern(glob);
    if (typeof compiled === 'string')
      throw new ConfigError(`${at(i)}: exclude.paths: ${JSON.stringify(glob)}: ${compiled}`);
    return compiled;
  });
  const base = resolve(configFile === undefined ? '.' : dirname(configFile));
  const decided = new Map<string, string | undefined>();
  const excluding = (file: string): string | undefined => {
    if (patterns.length === 0) return undefined;
    if (decided.has(file)) return decided.get(file);
    const path = relativePath(base, file);
    const glob = path === undefined ? undefined : excludingPattern(patterns, path)?.glob;
    decided.set(file, glob);
    return glob;
  };
  const unmatched = (files: readonly string[]): Diagnostic[] => {
    const paths = [...new Set(files)].flatMap((file) => relativePath(base, file) ?? []);
    return patterns.flatMap((pattern, i) =>
      paths.some((path) => patternMatches(pattern, path))
        ? []
        : [
            {
              level: 'warning' as const,
              file: configFile ?? '',
              ...place(i),
              message: `exclude.paths pattern ${JSON.stringify(pattern.glob)} matches no scanned file`,
            },
          ],
    );
  };
  return { excluding, unmatched };
}

/** `file` relative to `base`, `/`-separated; undefined for stdin, a request, or a file outside `base`. */
function relativePath(base: string, file: string): string | undefined {
  if (file.startsWith('<')) return undefined;
  const path = relative(base, resolve(file));
  if (path === '' || path === '..' || path.startsWith(`..${sep}`) || isAbsolute(path)) return undefined;
  return sep === '/' ? path : path.split(sep).join('/');
}
