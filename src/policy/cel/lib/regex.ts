import { CelScalar, celMethod, listType } from '@bufbuild/cel';
import type { CelFunc } from '@bufbuild/cel';
import { RE2JS } from '@bufbuild/re2';
import { charge } from '../meter.ts';
import type { Meter } from '../meter.ts';

const { STRING, INT } = CelScalar;

interface CompiledPattern {
  readonly re2: RE2JS;
  readonly js: RegExp;
}

const INLINE_FLAGS = /^\(\?([ims]+)\)/;

/**
 * Compiles an RE2 pattern twice: with RE2JS, which checks RE2 syntax and answers "is there a match"
 * in linear time, and as a JavaScript RegExp, which gives match positions. Leading inline flags
 * `(?i)`, `(?m)`, `(?s)` and `(?P<name>` groups are translated; a pattern RE2 rejects is an error.
 */
function compile(pattern: string, cache: Map<string, CompiledPattern>): CompiledPattern {
  const cached = cache.get(pattern);
  if (cached !== undefined) return cached;
  let re2: RE2JS;
  try {
    re2 = RE2JS.compile(pattern);
  } catch (error) {
    throw new Error(
      `invalid regular expression ${JSON.stringify(pattern)}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const flags = INLINE_FLAGS.exec(pattern)?.[1] ?? '';
  const body = pattern.slice(flags === '' ? 0 : flags.length + 3).replaceAll('(?P<', '(?<');
  const compiled = { re2, js: new RegExp(body, `gu${flags}`) };
  cache.set(pattern, compiled);
  return compiled;
}

function findAll(text: string, pattern: CompiledPattern, limit: number): string[] {
  if (limit === 0 || !pattern.re2.test(text)) return [];
  const matches: string[] = [];
  pattern.js.lastIndex = 0;
  for (const match of text.matchAll(pattern.js)) {
    matches.push(match[0]);
    if (limit > 0 && matches.length >= limit) break;
  }
  return matches;
}

/**
 * The Kubernetes regex library (`kubernetes/apiserver:pkg/cel/library/regex.go`):
 * `s.find(re)` gives the first match or "", `s.findAll(re)` every match, `s.findAll(re, n)` at
 * most n (n < 0: all). Charged by the length of the searched text.
 */
export function regexFunctions(meter: Meter): CelFunc[] {
  const cache = new Map<string, CompiledPattern>();
  return [
    celMethod('find', STRING, [STRING], STRING, function (pattern) {
      charge(meter, 1 + this.length);
      return findAll(this, compile(pattern, cache), 1)[0] ?? '';
    }),
    celMethod('findAll', STRING, [STRING], listType(STRING), function (pattern) {
      charge(meter, 1 + this.length);
      return findAll(this, compile(pattern, cache), -1);
    }),
    celMethod('findAll', STRING, [STRING, INT], listType(STRING), function (pattern, limit) {
      charge(meter, 1 + this.length);
      return findAll(this, compile(pattern, cache), Number(limit));
    }),
  ];
}
