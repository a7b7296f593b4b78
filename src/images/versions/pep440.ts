import { InputError } from '../../model/errors.ts';

/**
 * Python package version ordering, PEP 440 ("Version specifiers", the PyPA specification): versions
 * are normalised first (case, `alpha`→`a`, `c`/`pre`/`preview`→`rc`, `rev`/`r`→`post`, implicit
 * numbers, `-`/`_`/`.` separators, a leading `v`), then ordered by epoch, release (trailing zeros
 * insignificant), pre-release, post-release, development release and local version: a `.devN` sorts
 * before its pre-releases, which sort before the release, which sorts before its post-releases; a local
 * version sorts after the same public version, its numeric segments after alphanumeric ones.
 */

/** A normalised PEP 440 version. */
export interface Pep440Version {
  readonly epoch: number;
  readonly release: readonly number[];
  readonly pre: readonly ['a' | 'b' | 'rc', number] | undefined;
  readonly post: number | undefined;
  readonly dev: number | undefined;
  readonly local: readonly (number | string)[] | undefined;
}

const VERSION = new RegExp(
  [
    '^\\s*v?',
    '(?:(?<epoch>[0-9]+)!)?',
    '(?<release>[0-9]+(?:\\.[0-9]+)*)',
    '(?:[-_.]?(?<preLabel>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<preNumber>[0-9]+)?)?',
    '(?:-(?<implicitPost>[0-9]+)|[-_.]?(?<postLabel>post|rev|r)[-_.]?(?<postNumber>[0-9]+)?)?',
    '(?:[-_.]?(?<devLabel>dev)[-_.]?(?<devNumber>[0-9]+)?)?',
    '(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?',
    '\\s*$',
  ].join(''),
  'i',
);

const PRE_LABELS: Readonly<Record<string, 'a' | 'b' | 'rc'>> = {
  a: 'a',
  alpha: 'a',
  b: 'b',
  beta: 'b',
  c: 'rc',
  pre: 'rc',
  preview: 'rc',
  rc: 'rc',
};

/** Parses and normalises a PEP 440 version, or throws an InputError naming it. */
export function parsePep440(version: string): Pep440Version {
  const groups = VERSION.exec(version)?.groups;
  if (!groups) throw new InputError(`"${version}" is not a PEP 440 version`);
  const number = (text: string | undefined): number => (text === undefined ? 0 : Number(text));
  const preLabel = groups.preLabel?.toLowerCase();
  const hasPost = groups.implicitPost !== undefined || groups.postLabel !== undefined;
  return {
    epoch: number(groups.epoch),
    release: String(groups.release).split('.').map(Number),
    pre: preLabel === undefined ? undefined : [PRE_LABELS[preLabel] ?? 'rc', number(groups.preNumber)],
    post: hasPost ? number(groups.implicitPost ?? groups.postNumber) : undefined,
    dev: groups.devLabel === undefined ? undefined : number(groups.devNumber),
    local:
      groups.local === undefined
        ? undefined
        : groups.local
            .toLowerCase()
            .split(/[-_.]/)
            .map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
  };
}

/** The normalised form, as `packaging.version.Version` prints it. */
export function normalizePep440(version: string): string {
  const v = parsePep440(version);
  return [
    v.epoch === 0 ? '' : `${String(v.epoch)}!`,
    v.release.join('.'),
    v.pre === undefined ? '' : `${v.pre[0]}${String(v.pre[1])}`,
    v.post === undefined ? '' : `.post${String(v.post)}`,
    v.dev === undefined ? '' : `.dev${String(v.dev)}`,
    v.local === undefined ? '' : `+${v.local.join('.')}`,
  ].join('');
}

const PRE_ORDER = { a: 0, b: 1, rc: 2 } as const;

/** Negative, zero or positive as PEP 440 orders `a` before, with or after `b`. */
export function comparePep440(a: string, b: string): number {
  const left = parsePep440(a);
  const right = parsePep440(b);
  return (
    compareNumbers(left.epoch, right.epoch) ||
    compareRelease(left.release, right.release) ||
    comparePre(left, right) ||
    compareNumbers(left.post ?? -Infinity, right.post ?? -Infinity) ||
    compareNumbers(left.dev ?? Infinity, right.dev ?? Infinity) ||
    compareLocal(left.local, right.local)
  );
}

/** A dev release without a pre-release sorts before every pre-release; no pre-release sorts after them. */
function preRank(version: Pep440Version): number {
  if (version.pre === undefined) {
    return version.post === undefined && version.dev !== undefined ? -Infinity : Infinity;
  }
  return PRE_ORDER[version.pre[0]];
}

function comparePre(a: Pep440Version, b: Pep440Version): number {
  return compareNumbers(preRank(a), preRank(b)) || compareNumbers(a.pre?.[1] ?? 0, b.pre?.[1] ?? 0);
}

function compareNumbers(a: number, b: number): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

function compareRelease(a: readonly number[], b: readonly number[]): number {
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const order = compareNumbers(a[index] ?? 0, b[index] ?? 0);
    if (order !== 0) return order;
  }
  return 0;
}

function compareLocal(
  a: readonly (number | string)[] | undefined,
  b: readonly (number | string)[] | undefined,
): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  for (const [index, left] of a.entries()) {
    const right = b[index];
    if (right === undefined) break;
    if (typeof left !== typeof right) return typeof left === 'number' ? 1 : -1;
    if (left !== right) return left < right ? -1 : 1;
  }
  return compareNumbers(a.length, b.length);
}
