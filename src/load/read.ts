import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Diagnostic } from '../model/diagnostic.ts';
import { DEFAULT_MAX_FILE_SIZE } from './file-size.ts';
import { LIMITS } from './limits.ts';
import { FileRefusedError, readRegularFile, tooLarge } from './regular-file.ts';
import type { Source } from './source.ts';

/** A file found on disk and whether the user named it (true) or a directory walk found it (false). */
export interface ReadSource extends Source {
  readonly named: boolean;
}

/** Extensions a directory walk picks up. */
const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
/** How stdin is named in diagnostics and origins. */
const STDIN = '<stdin>';
/** Directories a walk never enters. */
const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules']);

/** Options for {@link readSources}. */
export interface ReadOptions {
  /** Descend into sub-directories (kubectl `-R`). */
  readonly recursive: boolean;
  /** Reads standard input for `-`; injectable so a server or a library user can supply text. */
  readonly stdin?: () => Promise<string>;
  /**
   * Extensions (lower case, with the dot) of files that are not manifests but that the caller reads
   * itself (a node's `.conf` kubeconfigs and PEM files): listed in `others`, named or found, never read
   * as YAML. The same walk finds both, so no directory is listed twice.
   */
  readonly others?: ReadonlySet<string>;
  /**
   * Most bytes one file, or stdin, may hold (`--max-file-size`; default {@link DEFAULT_MAX_FILE_SIZE}).
   * A larger input is an error diagnostic and is not read.
   */
  readonly maxFileSize?: number;
}

/** What {@link readSources} found. */
export interface ReadResult {
  readonly sources: ReadSource[];
  readonly diagnostics: Diagnostic[];
  /** Files with one of `options.others`' extensions, in walk order. */
  readonly others: string[];
}

/**
 * Reads every input named by `-f`: files, directories (YAML and JSON files inside) and `-` for stdin.
 * Only regular files (or symbolic links to them) are read, each up to `options.maxFileSize`; stdin
 * is held to the size cap too. Unreadable, missing, empty, binary, oversized and non-regular inputs
 * (FIFOs, devices, sockets) become diagnostics; the others are still read.
 */
export async function readSources(paths: readonly string[], options: ReadOptions): Promise<ReadResult> {
  const result: ReadResult = { sources: [], diagnostics: [], others: [] };
  const others = options.others ?? new Set<string>();
  const maxBytes = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  for (const path of paths) {
    if (path === '-') {
      const source = await readStdinSource(options.stdin, maxBytes, result.diagnostics);
      if (source) result.sources.push(source);
      continue;
    }
    const found: Found = { manifests: [], others: result.others };
    await expand(path, options.recursive, others, found, result.diagnostics);
    for (const { file, named } of found.manifests) {
      const source = await readOne(file, named, maxBytes, result.diagnostics);
      if (source) result.sources.push(source);
    }
  }
  return result;
}

async function readStdinSource(
  stdin: (() => Promise<string>) | undefined,
  maxBytes: number,
  diagnostics: Diagnostic[],
): Promise<ReadSource | undefined> {
  try {
    const text = stdin ? await stdin() : (await readStdin(maxBytes)).toString('utf8');
    if (Buffer.byteLength(text) > maxBytes) throw tooLarge(STDIN, Buffer.byteLength(text), maxBytes);
    return { file: STDIN, text, format: sniffFormat(text), named: true };
  } catch (error) {
    diagnostics.push(fileError(STDIN, error));
    return undefined;
  }
}

interface Found {
  readonly manifests: { file: string; named: boolean }[];
  readonly others: string[];
}

async function expand(
  path: string,
  recursive: boolean,
  others: ReadonlySet<string>,
  found: Found,
  diagnostics: Diagnostic[],
): Promise<void> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) await walk(path, recursive, others, found, diagnostics);
    else if (others.has(extname(path).toLowerCase())) found.others.push(path);
    else found.manifests.push({ file: path, named: true });
  } catch (error) {
    diagnostics.push(fileError(path, error));
  }
}

async function walk(
  directory: string,
  recursive: boolean,
  others: ReadonlySet<string>,
  found: Found,
  diagnostics: Diagnostic[],
): Promise<void> {
  let entries;
  try {
    entries = await readdir(directory, { withFileTypes: true });
  } catch (error) {
    diagnostics.push(fileError(directory, error));
    return;
  }
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = join(directory, entry.name);
    const extension = extname(entry.name).toLowerCase();
    if (entry.isDirectory()) {
      if (recursive && !SKIPPED_DIRECTORIES.has(entry.name))
        await walk(path, recursive, others, found, diagnostics);
    } else if (MANIFEST_EXTENSIONS.has(extension)) {
      found.manifests.push({ file: path, named: false });
    } else if (others.has(extension)) {
      found.others.push(path);
    }
  }
}

async function readOne(
  file: string,
  named: boolean,
  maxBytes: number,
  diagnostics: Diagnostic[],
): Promise<ReadSource | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readRegularFile(file, maxBytes);
  } catch (error) {
    diagnostics.push(fileError(file, error));
    return undefined;
  }
  if (bytes.subarray(0, LIMITS.binarySniffBytes).includes(0)) {
    diagnostics.push({ level: 'error', file, line: 0, column: 0, message: 'binary file, not YAML or JSON' });
    return undefined;
  }
  const text = bytes.toString('utf8');
  if (text.trim() === '') {
    diagnostics.push({ level: 'warning', file, line: 0, column: 0, message: 'empty file, no objects' });
    return undefined;
  }
  const format = extname(file).toLowerCase() === '.json' ? 'json' : 'yaml';
  return { file, text, format, named };
}

function sniffFormat(text: string): 'yaml' | 'json' {
  return /^\s*[{[]/.test(text) && /[}\]]\s*$/.test(text) ? 'json' : 'yaml';
}

function fileError(file: string, error: unknown): Diagnostic {
  if (error instanceof FileRefusedError)
    return { level: 'error', file, line: 0, column: 0, message: error.message };
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOENT'
      ? 'no such file or directory'
      : code === 'EACCES'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'is a directory'
          : (error as Error).message;
  return { level: 'error', file, line: 0, column: 0, message: `cannot read: ${reason}` };
}

/** Standard input, whole; stops reading, and refuses it, once it holds more than `maxBytes`. */
async function readStdin(maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    total += (chunk as Buffer).length;
    if (total > maxBytes) throw tooLarge(STDIN, undefined, maxBytes);
  }
  return Buffer.concat(chunks, total);
}
