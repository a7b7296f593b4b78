import type { ImagePackage } from '../package.ts';
import { advisoryKey, lookupKeys } from './database.ts';
import type { OsvEntry } from './database.ts';
import type { OsvAffected, OsvRecord } from './record.ts';
import { vulnerabilitySeverity } from './severity.ts';
import type { VulnerabilitySeverity } from './severity.ts';

/**
 * What an index keeps of one affected package of a record: what matching reads (the record's id,
 * aliases and summary; the package's ranges and versions) and its severity, scored when the index
 * was built (with the vectors that could not be scored), and nothing else.
 */
export interface OsvIndexEntry {
  readonly record: OsvRecord;
  readonly affected: OsvAffected;
  readonly severity?: VulnerabilitySeverity;
  readonly problems?: readonly string[];
}

function compactRecord(record: OsvRecord): OsvRecord {
  return {
    id: record.id,
    ...(record.aliases === undefined ? {} : { aliases: record.aliases }),
    ...(record.summary === undefined ? {} : { summary: record.summary }),
  };
}

function compactAffected(affected: OsvAffected): OsvAffected {
  return {
    package: { ecosystem: affected.package.ecosystem, name: affected.package.name },
    ...(affected.ranges === undefined ? {} : { ranges: affected.ranges }),
    ...(affected.versions === undefined ? {} : { versions: affected.versions }),
  };
}

/**
 * The index entries of a valid record (see `osvRecordProblem`), one per affected package, each
 * under the key {@link OsvDatabase} files it under (`advisoryKey`), scored as `OsvDatabase.add` scores.
 */
export function indexEntries(record: OsvRecord): { readonly key: string; readonly entry: OsvIndexEntry }[] {
  const kept = compactRecord(record);
  return (record.affected ?? []).map((affected) => {
    const problems: string[] = [];
    const severity = vulnerabilitySeverity(record, affected, problems);
    return {
      key: advisoryKey(affected.package.ecosystem, affected.package.name),
      entry: {
        record: kept,
        affected: compactAffected(affected),
        ...(severity === undefined ? {} : { severity }),
        ...(problems.length === 0 ? {} : { problems }),
      },
    };
  });
}

/** An index entry as the database keeps it. */
export function databaseEntry(entry: OsvIndexEntry): OsvEntry {
  return {
    record: entry.record,
    affected: entry.affected,
    severity: entry.severity,
    problems: entry.problems ?? [],
  };
}

/** The index keys matching `packages` reads: each package's, by ecosystem and advisory name. */
export function packageKeys(packages: readonly ImagePackage[]): ReadonlySet<string> {
  const keys = new Set<string>();
  for (const item of packages)
    for (const key of lookupKeys(item.ecosystem, item.advisoryName)) if (key !== undefined) keys.add(key);
  return keys;
}
