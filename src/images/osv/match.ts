import type { Diagnostic } from '../../model/diagnostic.ts';
import type { ImagePackage } from '../package.ts';
import { compareSemver } from '../versions/semver.ts';
import { versionComparator } from '../versions/index.ts';
import type { VersionComparator } from '../versions/index.ts';
import type { OsvDatabase, OsvEntry } from './database.ts';
import type { OsvAffected, OsvRange } from './record.ts';
import type { VulnerabilitySeverity } from './severity.ts';

/** One known vulnerability of one package of an image. */
export interface Vulnerability {
  readonly id: string;
  readonly aliases: readonly string[];
  readonly summary: string | undefined;
  readonly package: ImagePackage;
  readonly severity: VulnerabilitySeverity | undefined;
  /** Versions that fix it, lowest first; empty when no fix is known. */
  readonly fixedVersions: readonly string[];
}

/**
 * Whether `version` falls in a range, as OSV's schema evaluates one (docs/schema.md, "Evaluation"):
 * events in version order (an `introduced` of "0" first), each `introduced` at or below the version
 * opens it, each `fixed` at or below it closes it, each `last_affected` below it closes it; a
 * `limit` at or below the version puts it outside the range.
 */
export function inRange(version: string, range: OsvRange, compare: VersionComparator): boolean {
  const events = range.events.map((event) => {
    const value = event.introduced ?? event.fixed ?? event.last_affected ?? event.limit ?? '';
    return { event, value };
  });
  const order = (value: string): number => (value === '0' ? -1 : compare(version, value));
  if (events.some(({ event, value }) => event.limit !== undefined && value !== '*' && order(value) >= 0))
    return false;
  const sorted = events
    .filter(({ event }) => event.limit === undefined)
    .sort((a, b) => (a.value === '0' ? -1 : b.value === '0' ? 1 : compare(a.value, b.value)));
  let affected = false;
  for (const { event, value } of sorted) {
    if (event.introduced !== undefined && (value === '0' || order(value) >= 0)) affected = true;
    else if (event.fixed !== undefined && order(value) >= 0) affected = false;
    else if (event.last_affected !== undefined && order(value) > 0) affected = false;
  }
  return affected;
}

/** The comparator a range's versions follow: SEMVER ranges are semver whatever the ecosystem. */
function rangeComparator(range: OsvRange, ecosystem: VersionComparator): VersionComparator | undefined {
  if (range.type === 'SEMVER') return compareSemver;
  if (range.type === 'ECOSYSTEM') return ecosystem;
  return undefined;
}

function affects(
  version: string,
  affected: OsvAffected,
  compare: VersionComparator,
): readonly string[] | undefined {
  if ((affected.versions ?? []).some((listed) => listed === version || safeEqual(compare, listed, version))) {
    return fixedAbove(version, affected.ranges ?? [], compare);
  }
  for (const range of affected.ranges ?? []) {
    const comparator = rangeComparator(range, compare);
    if (comparator && inRange(version, range, comparator)) return fixedAbove(version, [range], comparator);
  }
  return undefined;
}

function safeEqual(compare: VersionComparator, a: string, b: string): boolean {
  try {
    return compare(a, b) === 0;
  } catch {
    return false;
  }
}

function fixedAbove(version: string, ranges: readonly OsvRange[], compare: VersionComparator): string[] {
  const fixed = new Set<string>();
  for (const range of ranges) {
    for (const event of range.events) {
      if (event.fixed !== undefined && safeCompare(compare, event.fixed, version) > 0) fixed.add(event.fixed);
    }
  }
  return [...fixed].sort((a, b) => safeCompare(compare, a, b));
}

function safeCompare(compare: VersionComparator, a: string, b: string): number {
  try {
    return compare(a, b);
  } catch {
    return a < b ? -1 : a > b ? 1 : 0;
  }
}

/**
 * The known vulnerabilities of packages: each package looked up once by its ecosystem and advisory
 * name, its advisory version compared with each entry's ranges and versions by its ecosystem's own
 * ordering. An entry whose versions cannot be compared is a warning, not a match.
 */
export function matchVulnerabilities(
  packages: readonly ImagePackage[],
  database: OsvDatabase,
): { readonly vulnerabilities: readonly Vulnerability[]; readonly diagnostics: readonly Diagnostic[] } {
  const vulnerabilities: Vulnerability[] = [];
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const item of packages) {
    const entries: readonly OsvEntry[] = database.lookup(item.ecosystem, item.advisoryName);
    if (entries.length === 0) continue;
    let compare: VersionComparator;
    try {
      compare = versionComparator(item.ecosystem);
    } catch {
      continue;
    }
    for (const { record, affected, severity, problems } of entries) {
      let fixed: readonly string[] | undefined;
      try {
        fixed = affects(item.advisoryVersion, affected, compare);
      } catch (error) {
        diagnostics.push({
          level: 'warning',
          file: item.file,
          line: 0,
          column: 0,
          message: `${record.id} not matched against ${item.name} ${item.version}: ${error instanceof Error ? error.message : String(error)}`,
        });
        continue;
      }
      const key = `${record.id}\u0000${item.purl}`;
      if (fixed === undefined || seen.has(key)) continue;
      seen.add(key);
      vulnerabilities.push({
        id: record.id,
        aliases: record.aliases ?? [],
        summary: record.summary,
        package: item,
        severity,
        fixedVersions: fixed,
      });
      for (const problem of problems) {
        diagnostics.push({ level: 'warning', file: record.id, line: 0, column: 0, message: problem });
      }
    }
  }
  return { vulnerabilities, diagnostics };
}
