import { randomBytes } from 'node:crypto';
import {
  accessSync,
  chmodSync,
  constants,
  createWriteStream,
  lstatSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import type { WriteStream } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError } from '../model/errors.ts';
import { utf8Bytes } from './utf8-bytes.ts';
import { writeChunks } from './write-chunks.ts';

/** A report as commands write it: one string, or chunks made as they are written. */
export type ReportText = string | Iterable<string>;

const chunksOf = (text: ReportText): Iterable<string> => (typeof text === 'string' ? [text] : text);

/**
 * How many bytes an output file's stream holds before `write()` asks the writer to wait: several
 * chunks, so that the next chunks are rendered while the file system writes the previous ones
 * (with the default 16 KiB every chunk waited for its own write).
 */
const FILE_BUFFER = 1024 * 1024;

/** Each chunk as the bytes the file gets (the stream would encode each string itself). */
function* bytesOf(chunks: Iterable<string>): Generator<Buffer, void, undefined> {
  for (const chunk of chunks) yield utf8Bytes(chunk);
}

/** The signals that interrupt a run and whose default action ends the process. */
const INTERRUPTS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Writes a command's report: to stdout, or with `--output-file` to that file, as
 * {@link writeOutputFile} does after {@link refuseInputAsOutput} has checked it against `inputs`
 * (every path named and every file the run read). Chunks are written as the stream takes them. A
 * reader that closed stdout early (EPIPE) ends the writing quietly.
 */
export async function writeReport(
  text: ReportText,
  outputFile: string | undefined,
  inputs: readonly string[],
): Promise<void> {
  if (outputFile === undefined) {
    try {
      await writeChunks(process.stdout, chunksOf(text));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EPIPE') throw error;
    }
    return;
  }
  refuseInputAsOutput(outputFile, inputs);
  await writeOutputFile(outputFile, text);
}

/**
 * Throws a UsageError naming both when `output` (given to `flag`) is the same file as one of
 * `inputs` (files or directories): same device and inode, so a symbolic or hard link to an input
 * counts too.
 */
export function refuseInputAsOutput(output: string, inputs: readonly string[], flag = '--output-file'): void {
  const target = identityOf(output);
  if (target === undefined) return;
  const input = inputs.find((path) => identityOf(path) === target);
  if (input !== undefined)
    throw new UsageError(`${flag} ${output} is ${input}, an input of this run: write the report elsewhere`);
}

/**
 * Writes `text` to a new file beside `path`, chunk by chunk as the file takes them, flushes it, and
 * only then renames it over `path`: a reader never sees half a report, a failed or interrupted
 * (SIGINT, SIGTERM, SIGHUP) run leaves the previous file as it was and removes its temporary file,
 * and a symbolic link at `path` is replaced, not written through. An existing file keeps its
 * permission bits, and one its owner made read-only is not replaced. Rejects with a UsageError
 * (`cannot write PATH: CODE: reason`) when the file cannot be written, and with the renderer's own
 * error when making a chunk fails.
 */
export async function writeOutputFile(path: string, text: ReportText): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  let stream: WriteStream | undefined;
  const removeTemporary = (): void => {
    stream?.destroy();
    if (stream) rmSync(temporary, { force: true });
  };
  const interrupted = (signal: NodeJS.Signals): void => {
    removeTemporary();
    stopListening();
    process.kill(process.pid, signal);
  };
  const stopListening = (): void => {
    for (const signal of INTERRUPTS) process.off(signal, interrupted);
  };
  try {
    const mode = writableMode(path);
    stream = await opened(
      createWriteStream(temporary, { flags: 'wx', flush: true, highWaterMark: FILE_BUFFER }),
    );
    for (const signal of INTERRUPTS) process.on(signal, interrupted);
    await writeChunks(stream, bytesOf(chunksOf(text)));
    await closed(stream);
    if (mode !== undefined) chmodSync(temporary, mode);
    renameSync(temporary, path);
  } catch (error) {
    removeTemporary();
    if (!isSystemError(error)) throw error;
    throw new UsageError(`cannot write ${path}: ${reasonOf(error)}`, { cause: error });
  } finally {
    stopListening();
  }
}

/** The stream once its file is open (created: the temporary file exists from then on). */
function opened(stream: WriteStream): Promise<WriteStream> {
  stream.on('error', () => {
    // Observed through stream.errored, by writeChunks and closed.
  });
  return new Promise((resolve, reject) => {
    stream.once('ready', () => {
      resolve(stream);
    });
    stream.once('close', () => {
      reject(stream.errored ?? new Error('the file was closed before it was opened'));
    });
  });
}

/** Ends the stream and resolves once everything was written, flushed and the file closed. */
function closed(stream: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (): void => {
      if (stream.errored) reject(stream.errored);
      else resolve();
    };
    if (stream.closed) settle();
    else stream.once('close', settle).end();
  });
}

/** The permission bits of the regular file at `path` (undefined when there is none); throws if it is read-only. */
function writableMode(path: string): number | undefined {
  let stats;
  try {
    stats = lstatSync(path);
  } catch {
    return undefined;
  }
  if (!stats.isFile()) return undefined;
  accessSync(path, constants.W_OK);
  return stats.mode & 0o7777;
}

function identityOf(path: string): string | undefined {
  try {
    const stats = statSync(path);
    return `${String(stats.dev)}:${String(stats.ino)}`;
  } catch {
    return undefined;
  }
}

/** An error of the file system (it has an errno code), not one of the report's rendering. */
function isSystemError(error: unknown): boolean {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}

/** `EACCES: permission denied`, without the syscall and the temporary file's name. */
function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return /^([A-Z][A-Z0-9]+: [^,]+)/.exec(message)?.[1] ?? message;
}
