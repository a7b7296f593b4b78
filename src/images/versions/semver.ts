import { InputError } from '../../model/errors.ts';

/**
 * Semantic Versioning 2.0.0 precedence (semver.org §11), as npm's `semver` orders versions: major,
 * minor and patch as numbers; a pre-release sorts before its release; pre-release identifiers compare
 * one by one, numeric ones as numbers and before alphanumeric ones, which compare in ASCII order; a
 * shorter set of equal identifiers sorts first. Build metadata is ignored. A leading `v` or `=` is
 * accepted, as npm's loose parsing and Go's module versions write it.
 */

/** A parsed semantic version; `prerelease` is empty for a release. */
export interface SemanticVersion {
  readonly major: bigint;
  readonly minor: bigint;
  readonly patch: bigint;
  readonly prerelease: readonly string[];
}

const SEMVER =
  /^[v=]?\s*(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

/** Parses a semantic version, or throws an InputError naming it. */
export function parseSemver(version: string): SemanticVersion {
  const match = SEMVER.exec(version.trim());
  if (!match) throw new InputError(`"${version}" is not a semantic version (semver.org 2.0.0)`);
  return {
    major: BigInt(match[1] ?? 0),
    minor: BigInt(match[2] ?? 0),
    patch: BigInt(match[3] ?? 0),
    prerelease: match[4] === undefined ? [] : match[4].split('.'),
  };
}

/** Negative, zero or positive as `a` has lower, equal or higher precedence than `b`. */
export function compareSemver(a: string, b: string): number {
  const left = parseSemver(a);
  const right = parseSemver(b);
  for (const key of ['major', 'minor', 'patch'] as const) {
    if (left[key] !== right[key]) return left[key] < right[key] ? -1 : 1;
  }
  return comparePrerelease(left.prerelease, right.prerelease);
}

function comparePrerelease(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return a.length === b.length ? 0 : a.length === 0 ? 1 : -1;
  for (let index = 0; index < Math.min(a.length, b.length); index++) {
    const order = compareIdentifier(a[index] ?? '', b[index] ?? '');
    if (order !== 0) return order;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

function compareIdentifier(a: string, b: string): number {
  const numericA = /^\d+$/.test(a);
  const numericB = /^\d+$/.test(b);
  if (numericA && numericB) {
    const left = BigInt(a);
    const right = BigInt(b);
    return left === right ? 0 : left < right ? -1 : 1;
  }
  if (numericA !== numericB) return numericA ? -1 : 1;
  return a === b ? 0 : a < b ? -1 : 1;
}
