import { InputError } from '../../model/errors.ts';
import { compareApk } from './apk.ts';
import { compareDebian } from './dpkg.ts';
import { comparePep440 } from './pep440.ts';
import { compareRpm } from './rpm.ts';
import { compareSemver } from './semver.ts';

/** Negative, zero or positive as `a` sorts before, with or after `b`. */
export type VersionComparator = (a: string, b: string) => number;

/** The version schemes kubeward orders exactly. */
export type VersionScheme = 'dpkg' | 'apk' | 'rpm' | 'semver' | 'pep440';

const COMPARATORS: Readonly<Record<VersionScheme, VersionComparator>> = {
  dpkg: compareDebian,
  apk: compareApk,
  rpm: compareRpm,
  semver: compareSemver,
  pep440: comparePep440,
};

/**
 * OSV ecosystem names (ossf/osv-schema, docs/schema.md "Defined ecosystems"; the part before `:`)
 * and the scheme each one's versions follow.
 */
const ECOSYSTEM_SCHEMES: Readonly<Record<string, VersionScheme>> = {
  debian: 'dpkg',
  ubuntu: 'dpkg',
  alpine: 'apk',
  wolfi: 'apk',
  chainguard: 'apk',
  'red hat': 'rpm',
  'rocky linux': 'rpm',
  almalinux: 'rpm',
  opensuse: 'rpm',
  suse: 'rpm',
  mageia: 'rpm',
  openeuler: 'rpm',
  npm: 'semver',
  go: 'semver',
  'crates.io': 'semver',
  pypi: 'pep440',
};

/**
 * The version scheme of an OSV ecosystem (`Debian:12`, `Alpine:v3.19`, `npm`, `PyPI`, case-insensitive)
 * or a scheme named directly (`dpkg`, `apk`, `rpm`, `semver`, `pep440`), or undefined.
 */
export function versionScheme(ecosystem: string): VersionScheme | undefined {
  const name = (ecosystem.split(':')[0] ?? '').trim().toLowerCase();
  if (Object.hasOwn(COMPARATORS, name)) return name as VersionScheme;
  return Object.hasOwn(ECOSYSTEM_SCHEMES, name) ? ECOSYSTEM_SCHEMES[name] : undefined;
}

/** The comparator of an ecosystem or scheme; an InputError names an unknown one. */
export function versionComparator(ecosystem: string): VersionComparator {
  const scheme = versionScheme(ecosystem);
  if (scheme === undefined) {
    throw new InputError(
      `no version ordering is known for ecosystem "${ecosystem}" (known: ${Object.keys(COMPARATORS).join(', ')} and the OSV ecosystems ${Object.keys(ECOSYSTEM_SCHEMES).join(', ')})`,
    );
  }
  return COMPARATORS[scheme];
}

/**
 * Compares two versions as the ecosystem's own tools do: -1, 0 or 1. `ecosystem` is an OSV
 * ecosystem name (`Debian:12` → dpkg, `Alpine:v3.19` → apk-tools, `Red Hat` → rpm, `npm` → semver,
 * `PyPI` → PEP 440) or a scheme (`dpkg`, `apk`, `rpm`, `semver`, `pep440`). Throws an InputError for an
 * unknown ecosystem, or for a version that semver or PEP 440 cannot parse.
 */
export function compareVersions(ecosystem: string, a: string, b: string): -1 | 0 | 1 {
  return Math.sign(versionComparator(ecosystem)(a, b)) as -1 | 0 | 1;
}
