import { randomBytes } from 'node:crypto';
import {
  accessSync,
  chmodSync,
  constants,
  lstatSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError } from '../model/errors.ts';

/**
 * Writes a command's report: to stdout, or with `--output-file` to that file, as
 * {@link writeOutputFile} does after {@link refuseInputAsOutput} has checked it against `inputs`
 * (every path named and every file the run read).
 */
export function writeReport(text: string, outputFile: string | undefined, inputs: readonly string[]): void {
  if (outputFile === undefined) {
    process.stdout.write(text);
    return;
  }
  refuseInputAsOutput(outputFile, inputs);
  writeOutputFile(outputFile, text);
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
 * Writes `text` to a new file beside `path` and renames it over `path`, so a reader never sees half a
 * report and a symbolic link at `path` is replaced, not written through. An existing file keeps its
 * permission bits, and one its owner made read-only is not replaced. Throws a UsageError
 * (`cannot write PATH: CODE: reason`) when the file cannot be written.
 */
export function writeOutputFile(path: string, text: string): void {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  let created = false;
  try {
    const mode = writableMode(path);
    writeFileSync(temporary, text, { flag: 'wx' });
    created = true;
    if (mode !== undefined) chmodSync(temporary, mode);
    renameSync(temporary, path);
  } catch (error) {
    if (created) rmSync(temporary, { force: true });
    throw new UsageError(`cannot write ${path}: ${reasonOf(error)}`, { cause: error });
  }
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

/** `EACCES: permission denied`, without the syscall and the temporary file's name. */
function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return /^([A-Z][A-Z0-9]+: [^,]+)/.exec(message)?.[1] ?? message;
}
