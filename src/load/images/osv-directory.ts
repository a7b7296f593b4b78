import { opendir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../../model/errors.ts';

/** One file of an OSV directory: its JSON value, or why it could not be read. */
export type OsvFile =
  { readonly file: string; readonly value: unknown } | { readonly file: string; readonly error: string };

/** Largest OSV record file read (the largest records, with thousands of versions, stay far below). */
const MAX_RECORD_BYTES = 16 * 1024 * 1024;
const CONCURRENT_READS = 32;

async function* jsonFiles(directory: string, skip: ReadonlySet<string>): AsyncGenerator<string> {
  const dir = await opendir(directory);
  for await (const entry of dir) {
    const path = join(directory, entry.name);
    if (entry.name.startsWith('.') || skip.has(path)) continue;
    if (entry.isDirectory()) yield* jsonFiles(path, skip);
    else if (entry.isFile() && entry.name.endsWith('.json')) yield path;
  }
}

async function readOne(file: string): Promise<OsvFile> {
  try {
    const bytes = await readFile(file);
    if (bytes.length > MAX_RECORD_BYTES)
      return { file, error: `${String(bytes.length)} bytes, more than an OSV record may have` };
    return { file, value: JSON.parse(bytes.toString('utf8')) as unknown };
  } catch (error) {
    return { file, error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * The JSON files of an offline OSV database: a directory of records as OSV exports them
 * (`<Ecosystem>/<ID>.json`, or an ecosystem's `all.zip` unpacked), walked recursively and read a
 * few at a time, in no particular order. Hidden files and folders (an index, an update being
 * unpacked) are no records; nor are the folders in `skip` (full paths, read through their index).
 */
export async function* readOsvDirectory(
  directory: string,
  skip: ReadonlySet<string> = new Set(),
): AsyncGenerator<OsvFile> {
  const stats = await stat(directory).catch(() => undefined);
  if (!stats?.isDirectory()) throw new InputError(`${directory}: not a directory of OSV records`);
  const pending = new Set<Promise<OsvFile>>();
  const settled: OsvFile[] = [];
  const start = (file: string): void => {
    const promise = readOne(file).then((result) => {
      pending.delete(promise);
      settled.push(result);
      return result;
    });
    pending.add(promise);
  };
  for await (const file of jsonFiles(directory, skip)) {
    start(file);
    while (pending.size >= CONCURRENT_READS) await Promise.race(pending);
    while (settled.length > 0) yield settled.shift() as OsvFile;
  }
  while (pending.size > 0 || settled.length > 0) {
    if (settled.length === 0) await Promise.race(pending);
    while (settled.length > 0) yield settled.shift() as OsvFile;
  }
}
