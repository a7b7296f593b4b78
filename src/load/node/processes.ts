import { readdirSync } from 'node:fs';
import { basename, isAbsolute, join } from 'node:path';
import type { Diagnostic } from '../../model/diagnostic.ts';
import { DEFAULT_MAX_FILE_SIZE } from '../file-size.ts';
import type { ReadSource } from '../read.ts';
import { FileRefusedError, readRegularFileSync } from '../regular-file.ts';

/** A running process as `/proc/<pid>` shows it. */
export interface NodeProcess {
  readonly pid: string;
  /** `/proc/<pid>`, under the proc root given. */
  readonly directory: string;
  /** The basename of `argv[0]`. */
  readonly binary: string;
  /** The exact argv, from the NUL-separated `cmdline`. */
  readonly argv: readonly string[];
  /** `NAME=value` entries of `environ`, read only for the binaries asked for and when readable (root). */
  readonly environment: readonly string[];
}

/** What {@link readProcesses} found. */
export interface NodeProcesses {
  /** In pid order. */
  readonly processes: readonly NodeProcess[];
  readonly diagnostics: readonly Diagnostic[];
}

/** Which processes {@link readProcesses} keeps, and whose environment it reads. */
export interface ProcessSelection {
  readonly binaries: ReadonlySet<string>;
  readonly environmentOf: ReadonlySet<string>;
  /** Most bytes read from one file (`--max-file-size`; default {@link DEFAULT_MAX_FILE_SIZE}). */
  readonly maxFileSize?: number;
}

/**
 * Reads the command lines of the running processes whose binary is selected, from
 * `/proc/<pid>/cmdline` (as kube-bench does with ps, but exact: NUL-separated argv, no substring
 * matching). `procRoot` is `/proc`, or the host's /proc mounted into a container. A process that ends
 * while it is read is skipped; an unlistable root is an error diagnostic.
 */
export function readProcesses(procRoot: string, selection: ProcessSelection): NodeProcesses {
  let entries: string[];
  try {
    entries = readdirSync(procRoot).filter((entry) => /^\d+$/.test(entry));
  } catch (error) {
    return {
      processes: [],
      diagnostics: [problem(procRoot, `cannot list processes: ${messageOf(error)}`, 'error')],
    };
  }
  const processes: NodeProcess[] = [];
  for (const pid of entries.sort((a, b) => Number(a) - Number(b))) {
    const directory = join(procRoot, pid);
    const maxBytes = selection.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
    const argv = nulSeparated(join(directory, 'cmdline'), maxBytes);
    const binary = basename(argv?.[0] ?? '');
    if (!argv || !selection.binaries.has(binary)) continue;
    const environment = selection.environmentOf.has(binary)
      ? (nulSeparated(join(directory, 'environ'), maxBytes) ?? [])
      : [];
    processes.push({ pid, directory, binary, argv, environment });
  }
  return { processes, diagnostics: [] };
}

/**
 * Reads a YAML file a process names on its command line (the kubelet's `--config`), resolving a
 * relative path against the process's working directory. Any process may claim to be the kubelet,
 * so the file is held to the rules of every input: a regular file (or a symbolic link to one) of at
 * most `maxBytes`, else an error naming `what`. A file that cannot be read is a warning.
 */
export function readProcessFile(
  process: NodeProcess,
  path: string,
  what: string,
  maxBytes: number = DEFAULT_MAX_FILE_SIZE,
): { readonly source: ReadSource } | { readonly diagnostic: Diagnostic } {
  const file = isAbsolute(path) ? path : join(process.directory, 'cwd', path);
  try {
    const text = readRegularFileSync(file, maxBytes).toString('utf8');
    return { source: { file, text, format: 'yaml', named: true } };
  } catch (error) {
    return {
      diagnostic:
        error instanceof FileRefusedError
          ? problem(file, `${what}: ${error.message}`, 'error')
          : problem(file, `${what} cannot be read: ${messageOf(error)}`, 'warning'),
    };
  }
}

function nulSeparated(file: string, maxBytes: number): string[] | undefined {
  try {
    return readRegularFileSync(file, maxBytes)
      .toString('utf8')
      .split('\0')
      .filter((entry) => entry !== '');
  } catch {
    return undefined;
  }
}

function problem(file: string, message: string, level: Diagnostic['level']): Diagnostic {
  return { level, file, line: 0, column: 0, message };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
