import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compilePathPattern, excludingPattern, MAX_PATTERN_LENGTH } from './path-pattern.ts';
import type { PathPattern } from './path-pattern.ts';

const compile = (glob: string): PathPattern => {
  const pattern = compilePathPattern(glob);
  if (typeof pattern === 'string') assert.fail(`${glob}: ${pattern}`);
  return pattern;
};

/** Which of `paths` the patterns, in order, exclude. */
const excluded = (globs: readonly string[], paths: readonly string[]): string[] => {
  const patterns = globs.map(compile);
  return paths.filter((path) => excludingPattern(patterns, path) !== undefined);
};

describe('exclude.paths patterns, read as .gitignore reads them', () => {
  const cases: readonly (readonly [string, readonly string[], readonly string[]])[] = [
    ['vendor', ['vendor/x.yaml', 'a/vendor/b/x.yaml', 'vendor'], ['vendors/x.yaml', 'x/vendor.yaml']],
    ['vendor/', ['vendor/x.yaml', 'a/vendor/x.yaml'], ['vendor', 'a/vendor']],
    ['*.generated.yaml', ['x.generated.yaml', 'a/b/x.generated.yaml'], ['x.yaml', 'generated.yaml/']],
    ['vendor/**', ['vendor/x.yaml', 'vendor/a/b.yaml'], ['a/vendor/x.yaml', 'vendor.yaml']],
    ['vendor/*.yaml', ['vendor/x.yaml'], ['vendor/a/b.yaml', 'a/vendor/x.yaml']],
    ['charts/{dev,prod}/**', ['charts/dev/a.yaml', 'charts/prod/x/y.yaml'], ['charts/test/a.yaml']],
    ['[ab].yaml', ['a.yaml', 'dir/b.yaml'], ['c.yaml', 'ab.yaml']],
    ['[!ab].yaml', ['c.yaml'], ['a.yaml', 'b.yaml', 'cc.yaml']],
    ['./x.yaml', ['x.yaml'], ['a/x.yaml']],
    ['/x.yaml', ['x.yaml'], ['a/x.yaml']],
    ['a/**/z.yaml', ['a/z.yaml', 'a/b/c/z.yaml'], ['b/a/z.yaml']],
    ['file?.yaml', ['file1.yaml', 'd/fileA.yaml'], ['file10.yaml', 'file/.yaml']],
    ['ns-{1..3}.yaml', ['ns-2.yaml'], ['ns-4.yaml']],
    ['\\!bang.yaml', ['!bang.yaml'], ['bang.yaml']],
    ['with space.yaml', ['with space.yaml'], ['with.yaml']],
    ['.hidden/', ['.hidden/x.yaml'], ['hidden/x.yaml']],
  ];
  for (const [glob, matching, other] of cases)
    it(`${glob} excludes ${matching.join(', ')} and not ${other.join(', ')}`, () => {
      assert.deepEqual(excluded([glob], [...matching, ...other]), matching);
    });

  it('re-includes with !, even below an excluded directory, the last matching pattern winning', () => {
    const paths = ['vendor/a.yaml', 'vendor/keep.yaml', 'vendor/sub/keep.yaml', 'x.yaml'];
    assert.deepEqual(excluded(['vendor', '!keep.yaml'], paths), ['vendor/a.yaml']);
    assert.deepEqual(excluded(['vendor', '!vendor/keep.yaml'], paths), [
      'vendor/a.yaml',
      'vendor/sub/keep.yaml',
    ]);
    assert.deepEqual(excluded(['!keep.yaml', 'vendor'], paths), paths.slice(0, 3));
    assert.deepEqual(excluded(['!x.yaml'], paths), []);
  });

  it('rejects patterns that match nothing or are too long, with the reason', () => {
    assert.equal(compilePathPattern('./'), 'pattern matches no path');
    assert.equal(compilePathPattern('charts/{dev,prod'), 'unbalanced braces');
    assert.equal(
      compilePathPattern('a'.repeat(MAX_PATTERN_LENGTH + 1)),
      'pattern longer than 1024 characters',
    );
  });

  it('matches in time linear in the path, whatever the pattern (RE2, no backtracking)', () => {
    const hostile = [
      `${'*a'.repeat(40)}*b`,
      `${'**/a/'.repeat(40)}b`,
      `${'{a,aa}'.repeat(40)}b`,
      `${'?'.repeat(250)}x`,
      `${'*'.repeat(500)}b`,
    ].map(compile);
    const paths = [
      `${'a'.repeat(255)}c`,
      Array.from({ length: 2000 }, () => 'a').join('/'),
      'a'.repeat(4096),
    ];
    const started = performance.now();
    for (const pattern of hostile) for (const path of paths) excludingPattern([pattern], path);
    assert.ok(performance.now() - started < 2000, `${String(performance.now() - started)} ms`);
  });
});
