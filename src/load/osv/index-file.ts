import { randomBytes } from 'node:crypto';
import { mkdir, open, opendir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Diagnostic } from '../../model/diagnostic.ts';
import { InputError } from '../../model/errors.ts';
import { findKey, keyTable } from './key-table.ts';
import type { KeyPlace } from './key-table.ts';

/** The folder beside the records that holds what kubeward keeps about them (hidden: no record is read there). */
export const KUBEWARD_FOLDER = '.kubeward';
const INDEX_FILE = 'index.ndjson';
const FORMAT = 'kubeward-osv-index';
const VERSION = 2;
/** Largest header read: the key table of a few million package names. */
const MAX_HEADER_BYTES = 512 * 1024 * 1024;

/**
 * An index of a directory of OSV records: the entries of every key (an ecosystem and package name),
 * and what was true of the directory when it was built.
 */
export interface OsvIndexContent {
  /** Records indexed. */
  readonly records: number;
  /** The warnings the records gave (files that are no records), repeated when the index is read. */
  readonly diagnostics: readonly Diagnostic[];
  /** Each key's entries, JSON values the caller made. */
  readonly entries: ReadonlyMap<string, readonly unknown[]>;
  /** Each directory's modification time when its records were read ({@link directoryTimes}). */
  readonly directories: Readonly<Record<string, number>>;
}

interface Header {
  readonly format: string;
  readonly version: number;
  readonly records: number;
  readonly diagnostics: readonly Diagnostic[];
  readonly directories: Readonly<Record<string, number>>;
  /** Bytes of the key table (see key-table.ts) between the header line and the body. */
  readonly table: number;
}

/** Where the index of `directory` is. */
export function osvIndexPath(directory: string): string {
  return join(directory, KUBEWARD_FOLDER, INDEX_FILE);
}

/**
 * The modification time of `directory` and of every folder below it that can hold records (hidden
 * ones are not read), by path relative to it (`.` for itself). A record added, removed or renamed
 * changes its folder's time; its content rewritten in place does not.
 */
export async function directoryTimes(directory: string): Promise<Record<string, number>> {
  const times: Record<string, number> = {};
  const visit = async (path: string): Promise<void> => {
    times[relative(directory, path) || '.'] = (await stat(path)).mtimeMs;
    for await (const entry of await opendir(path))
      if (entry.isDirectory() && !entry.name.startsWith('.')) await visit(join(path, entry.name));
  };
  await visit(directory);
  return times;
}

/** Makes the folder the index goes in, before the directory's times are taken (making it changes them). */
export async function prepareOsvIndex(directory: string): Promise<void> {
  if (!(await stat(directory).catch(() => undefined))?.isDirectory())
    throw new InputError(`${directory}: not a directory of OSV records`);
  await mkdir(join(directory, KUBEWARD_FOLDER), { recursive: true });
}

/**
 * Writes the index of `directory` (see {@link prepareOsvIndex}): one header line (counts, times,
 * warnings), the key table (key-table.ts), then one JSON line per key in key order, so that the
 * names of one ecosystem lie together and the keys of one image are read in few runs. Written beside
 * and renamed into place, so a reader sees the old index or the new one.
 */
export async function writeOsvIndex(directory: string, content: OsvIndexContent): Promise<void> {
  const places = new Map<string, KeyPlace>();
  const lines: Buffer[] = [];
  let offset = 0;
  for (const key of [...content.entries.keys()].sort()) {
    const line = Buffer.from(`${JSON.stringify(content.entries.get(key))}\n`);
    places.set(key, { offset, length: line.length - 1 });
    lines.push(line);
    offset += line.length;
  }
  const table = keyTable(places);
  const header: Header = {
    format: FORMAT,
    version: VERSION,
    records: content.records,
    diagnostics: content.diagnostics,
    directories: content.directories,
    table: table.length,
  };
  const path = osvIndexPath(directory);
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, [Buffer.from(`${JSON.stringify(header)}\n`), table, ...lines]);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Reads the header line: the file's start up to its first newline. */
async function readHeader(
  file: import('node:fs/promises').FileHandle,
  path: string,
  directory: string,
): Promise<{ header: Header; bodyStart: number }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for (;;) {
    const chunk = Buffer.alloc(Math.min(4 * 1024 * 1024, Math.max(64 * 1024, size)));
    const { bytesRead } = await file.read(chunk, 0, chunk.length, size);
    if (bytesRead === 0) throw new InputError(`${path}: not a kubeward OSV index (no header line)`);
    const read = chunk.subarray(0, bytesRead);
    const newline = read.indexOf(0x0a);
    chunks.push(newline < 0 ? read : read.subarray(0, newline));
    if (newline >= 0) {
      const bodyStart = size + newline + 1;
      let header: Header;
      try {
        header = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Header;
      } catch {
        throw new InputError(`${path}: not a kubeward OSV index (its header is not JSON)`);
      }
      if (header.format !== FORMAT || header.version !== VERSION)
        throw new InputError(
          `${path}: not a kubeward OSV index of version ${String(VERSION)}; rebuild it: kubeward images db index ${directory}`,
        );
      return { header, bodyStart };
    }
    size += bytesRead;
    if (size > MAX_HEADER_BYTES)
      throw new InputError(`${path}: header larger than ${String(MAX_HEADER_BYTES)} bytes`);
  }
}

/** Lines closer than this are read in one go. */
const READ_GAP = 64 * 1024;

interface ReadRun {
  readonly start: number;
  end: number;
  readonly lines: { readonly key: string; readonly offset: number; readonly length: number }[];
}

/** The lines of the keys asked, in file order, grouped into runs read with one call each. */
function readRuns(keys: ReadonlySet<string>, table: Buffer): ReadRun[] {
  const lines = [...keys]
    .flatMap((key) => {
      const place = findKey(table, key);
      return place === undefined ? [] : [{ key, ...place }];
    })
    .sort((a, b) => a.offset - b.offset);
  const runs: ReadRun[] = [];
  for (const line of lines) {
    const last = runs.at(-1);
    if (last !== undefined && line.offset - last.end <= READ_GAP) {
      last.lines.push(line);
      last.end = line.offset + line.length;
    } else runs.push({ start: line.offset, end: line.offset + line.length, lines: [line] });
  }
  return runs;
}

/**
 * The first folder whose time differs from the one recorded, or that is gone: a record added,
 * removed or renamed changes its folder's time, and a folder added changes its parent's.
 */
async function changedFolder(
  directory: string,
  recorded: Readonly<Record<string, number>>,
): Promise<string | undefined> {
  for (const [name, time] of Object.entries(recorded)) {
    const path = name === '.' ? directory : join(directory, name);
    const now = await stat(path).catch(() => undefined);
    if (now?.mtimeMs !== time) return path;
  }
  return undefined;
}

/**
 * The index of `directory` for the keys asked (the other keys are not read), or undefined when it
 * has none. An index older than its records (a folder that changed, appeared or went since it was
 * built) is refused with the command that rebuilds it.
 */
export async function readOsvIndex(
  directory: string,
  keys: ReadonlySet<string>,
): Promise<OsvIndexContent | undefined> {
  const path = osvIndexPath(directory);
  const file = await open(path, 'r').catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new InputError(`${path}: ${(error as Error).message}`);
  });
  if (file === undefined) return undefined;
  try {
    const { header, bodyStart } = await readHeader(file, path, directory);
    const changed = await changedFolder(directory, header.directories);
    if (changed !== undefined)
      throw new InputError(
        `${path}: older than the records it indexes (${changed} changed since it was built); rebuild it: kubeward images db index ${directory}`,
      );
    const table = Buffer.alloc(header.table);
    if ((await file.read(table, 0, table.length, bodyStart)).bytesRead !== table.length)
      throw new InputError(`${path}: cut short; rebuild it: kubeward images db index ${directory}`);
    const entries = new Map<string, unknown[]>();
    for (const run of readRuns(keys, table)) {
      const bytes = Buffer.alloc(run.end - run.start);
      const { bytesRead } = await file.read(bytes, 0, bytes.length, bodyStart + table.length + run.start);
      if (bytesRead !== bytes.length)
        throw new InputError(`${path}: cut short; rebuild it: kubeward images db index ${directory}`);
      for (const { key, offset, length } of run.lines)
        entries.set(
          key,
          JSON.parse(bytes.toString('utf8', offset - run.start, offset - run.start + length)) as unknown[],
        );
    }
    return {
      records: header.records,
      diagnostics: header.diagnostics,
      directories: header.directories,
      entries,
    };
  } finally {
    await file.close();
  }
}

/** The folders right below `directory` that have an index of their own (an update's ecosystems). */
export async function indexedFolders(directory: string): Promise<string[]> {
  const folders: string[] = [];
  const dir = await opendir(directory).catch(() => undefined);
  if (dir === undefined) return folders;
  for await (const entry of dir) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const path = join(directory, entry.name);
    if ((await stat(osvIndexPath(path)).catch(() => undefined))?.isFile() === true) folders.push(path);
  }
  return folders.sort();
}
