import { addOsvFile, OsvDatabase } from '../images/osv/database.ts';
import { databaseEntry, packageKeys } from '../images/osv/index-entry.ts';
import type { OsvIndexEntry } from '../images/osv/index-entry.ts';
import type { ImagePackage } from '../images/package.ts';
import { readOsvDirectory } from '../load/images/osv-directory.ts';
import {
  directoryTimes,
  indexedFolders,
  prepareOsvIndex,
  readOsvIndex,
  writeOsvIndex,
} from '../load/osv/index-file.ts';
import type { Diagnostic } from '../model/diagnostic.ts';
import { OsvIndexBuilder } from './index-builder.ts';

/** An offline OSV database opened for some packages. */
export interface OpenedOsvDatabase {
  /** The entries those packages can match (all of them for the folders read record by record). */
  readonly database: OsvDatabase;
  /** Records in the database, read or indexed. */
  readonly records: number;
  readonly diagnostics: readonly Diagnostic[];
  /** The folders read through their index. */
  readonly indexed: readonly string[];
}

function notRead(file: string, error: string): Diagnostic {
  return { level: 'warning', file, line: 0, column: 0, message: `not read: ${error}` };
}

/**
 * The part of an offline OSV database that `packages` can match. A directory with an index (`images
 * db index`) is read through it: only the entries of those packages' names are read. Otherwise each
 * folder right below it with an index of its own (an ecosystem `images db update` wrote) is read
 * through that, and every other record file one by one. A stale index is refused (see readOsvIndex).
 */
export async function openOsvDatabase(
  directory: string,
  packages: readonly ImagePackage[],
): Promise<OpenedOsvDatabase> {
  const keys = packageKeys(packages);
  const database = new OsvDatabase();
  const diagnostics: Diagnostic[] = [];
  let records = 0;
  const addIndexed = (entries: ReadonlyMap<string, readonly unknown[]>): void => {
    for (const list of entries.values())
      for (const entry of list as readonly OsvIndexEntry[]) database.addEntry(databaseEntry(entry));
  };
  const whole = await readOsvIndex(directory, keys);
  if (whole !== undefined) {
    addIndexed(whole.entries);
    return { database, records: whole.records, diagnostics: [...whole.diagnostics], indexed: [directory] };
  }
  const indexed = await indexedFolders(directory);
  for (const folder of indexed) {
    const index = await readOsvIndex(folder, keys);
    if (index === undefined) continue;
    addIndexed(index.entries);
    records += index.records;
    for (const diagnostic of index.diagnostics) diagnostics.push(diagnostic);
  }
  for await (const file of readOsvDirectory(directory, new Set(indexed))) {
    if ('error' in file) diagnostics.push(notRead(file.file, file.error));
    else addOsvFile(database, file.file, file.value, diagnostics);
  }
  return { database, records: records + database.size, diagnostics, indexed };
}

/**
 * Indexes a directory of OSV records (`images db index`): every record read once, its entries kept
 * by ecosystem and package name in `<dir>/.kubeward/index.ndjson` with the folders' times.
 */
export async function indexOsvDirectory(
  directory: string,
): Promise<{ readonly records: number; readonly diagnostics: readonly Diagnostic[] }> {
  await prepareOsvIndex(directory);
  const times = await directoryTimes(directory);
  const builder = new OsvIndexBuilder();
  for await (const file of readOsvDirectory(directory)) {
    if ('error' in file) builder.warn(notRead(file.file, file.error));
    else builder.add(file.file, file.value);
  }
  await writeOsvIndex(directory, builder.content(times));
  return { records: builder.records, diagnostics: builder.diagnostics };
}
