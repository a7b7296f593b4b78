import type { ImagePackage } from '../package.ts';
import { advisoryKey, lookupKeys } from './database.ts';
import type { OsvAffected, OsvRecord } from './record.ts';

/**
 * What an index keeps of one affected package of a record: all that matching and scoring read (the
 * record's id, aliases, summary, CVSS vectors and database severity; the package's ranges, versions,
 * vectors and database severity) and nothing else.
 */
export interface OsvIndexEntry {
  readonly record: OsvRecord;
  readonly affected: OsvAffected;
}

/** `database_specific` cut to the one field scoring reads. */
function severityOnly(specific: Readonly<Record<string, unknown>> | undefined): {
  database_specific?: { severity: unknown };
} {
  return specific?.severity === undefined ? {} : { database_specific: { severity: specific.severity } };
}

function compactRecord(record: OsvRecord): OsvRecord {
  return {
    id: record.id,
    ...(record.aliases === undefined ? {} : { aliases: record.aliases }),
    ...(record.summary === undefined ? {} : { summary: record.summary }),
    ...(record.severity === undefined ? {} : { severity: record.severity }),
    ...severityOnly(record.database_specific),
  };
}

function compactAffected(affected: OsvAffected): OsvAffected {
  return {
    package: { ecosystem: affected.package.ecosystem, name: affected.package.name },
    ...(affected.ranges === undefined ? {} : { ranges: affected.ranges }),
    ...(affected.versions === undefined ? {} : { versions: affected.versions }),
    ...(affected.severity === undefined ? {} : { severity: affected.severity }),
    ...severityOnly(affected.database_specific),
  };
}

/**
 * The index entries of a valid record (see `osvRecordProblem`), one per affected package, each under
 * the key {@link OsvDatabase} files it under (`advisoryKey`).
 */
export function indexEntries(record: OsvRecord): { readonly key: string; readonly entry: OsvIndexEntry }[] {
  const kept = compactRecord(record);
  return (record.affected ?? []).map((affected) => ({
    key: advisoryKey(affected.package.ecosystem, affected.package.name),
    entry: { record: kept, affected: compactAffected(affected) },
  }));
}

/** An index entry as a record of its one affected package, ready for `OsvDatabase.add`. */
export function entryRecord(entry: OsvIndexEntry): OsvRecord {
  return { ...entry.record, affected: [entry.affected] };
}

/** The index keys matching `packages` reads: each package's, by ecosystem and advisory name. */
export function packageKeys(packages: readonly ImagePackage[]): ReadonlySet<string> {
  const keys = new Set<string>();
  for (const item of packages)
    for (const key of lookupKeys(item.ecosystem, item.advisoryName)) if (key !== undefined) keys.add(key);
  return keys;
}
