import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import type { Diagnostic } from '../model/diagnostic.ts';
import { DEFAULT_MAX_FILE_SIZE } from './file-size.ts';
import { CHART_FILE, isChart, renderChart } from './helm.ts';
import type { HelmOptions } from './helm.ts';
import { topKustomizations } from './kustomization-roots.ts';
import { buildKustomization, KUSTOMIZATION_FILES, kustomizationIn } from './kustomize.ts';
import type { KustomizeBuild, Kustomizer } from './kustomize.ts';
import { LIMITS } from './limits.ts';
import { FileRefusedError, tooLarge, useRegularFileSync } from './regular-file.ts';
import type { Source } from './source.ts';

/** A file found on disk and whether the user named it (true) or a directory walk found it (false). */
export interface ReadSource extends Source {
  readonly named: boolean;
  /** Set when the text is what a kustomization built: how to trace its objects to their files. */
  readonly kustomize?: KustomizeBuild;
  /** Set when the text is the `helm template` output of this chart directory. */
  readonly chart?: string;
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
  /** Kustomization directories to build (`--kustomize`), besides those among the paths. */
  readonly kustomize?: readonly string[];
  /** Helm chart directories to render (`--helm`), besides those among the paths. */
  readonly helm?: readonly string[];
  /** How every chart is rendered (`--values`, `--set`, `--release`, `--namespace`). */
  readonly helmOptions?: HelmOptions;
  /**
   * The renderers, when not looked up on PATH (`undefined`: there is none): the kustomize build and
   * the helm executable.
   */
  readonly tools?: { readonly kustomizer?: Kustomizer | undefined; readonly helm?: string | undefined };
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
 * A directory holding a kustomization is built and one holding a Chart.yaml rendered, never walked:
 * named (or by its kustomization file or Chart.yaml), given in `options.kustomize` or
 * `options.helm`, or met in a walk (where only the kustomizations no other one of the walk uses are
 * built: see {@link topKustomizations}). The output is a source that says what rendered it.
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
    const found: Found = {
      manifests: [],
      others: result.others,
      kustomizations: [],
      walked: [],
      charts: [],
    };
    await expand(path, options.recursive, others, found, result.diagnostics);
    const walked = await topKustomizations(found.walked, maxBytes);
    for (const diagnostic of walked.diagnostics) result.diagnostics.push(diagnostic);
    for (const { file, named } of found.manifests) {
      const source = readOne(file, named, maxBytes, result.diagnostics);
      if (source) result.sources.push(source);
    }
    await render(
      { kustomizations: [...found.kustomizations, ...walked.roots], charts: found.charts },
      options,
      result,
    );
  }
  const kustomizations = (options.kustomize ?? []).filter((directory) =>
    holds(
      directory,
      kustomizationIn(directory) !== undefined,
      `${KUSTOMIZATION_FILES.slice(0, -1).join(', ')} or ${KUSTOMIZATION_FILES.at(-1) ?? ''}`,
      result.diagnostics,
    ),
  );
  const charts = (options.helm ?? []).filter((directory) =>
    holds(directory, isChart(directory), CHART_FILE, result.diagnostics),
  );
  await render({ kustomizations, charts }, options, result);
  return result;
}

/** Whether a directory given to --kustomize or --helm holds what it must; an error if it does not. */
function holds(directory: string, holding: boolean, files: string, diagnostics: Diagnostic[]): boolean {
  if (!holding)
    diagnostics.push({ level: 'error', file: directory, line: 0, column: 0, message: `no ${files} in it` });
  return holding;
}

/** Builds kustomizations and renders charts into sources; a failure is a diagnostic naming the directory. */
async function render(
  roots: { readonly kustomizations: readonly string[]; readonly charts: readonly string[] },
  options: ReadOptions,
  result: ReadResult,
): Promise<void> {
  const maxBytes = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const tools = options.tools;
  for (const root of roots.kustomizations) {
    const built = await buildKustomization(root, {
      maxBytes,
      ...(tools !== undefined && 'kustomizer' in tools ? { kustomizer: tools.kustomizer } : {}),
    });
    if ('level' in built) result.diagnostics.push(built);
    else result.sources.push({ file: root, text: built.text, format: 'yaml', named: true, kustomize: built });
  }
  for (const chart of roots.charts) {
    const rendered = await renderChart(chart, {
      ...(options.helmOptions ?? { values: [], set: [] }),
      maxBytes,
      ...(tools !== undefined && 'helm' in tools ? { helm: tools.helm } : {}),
    });
    if ('level' in rendered) result.diagnostics.push(rendered);
    else result.sources.push({ file: chart, text: rendered.text, format: 'yaml', named: true, chart });
  }
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
  /** Kustomization directories named, or a kustomization file named (its directory). */
  readonly kustomizations: string[];
  /** Kustomization directories a walk found: built unless another of them uses them. */
  readonly walked: string[];
  /** Chart directories named or found: rendered, never walked. */
  readonly charts: string[];
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
    if (info.isDirectory()) {
      if (kustomizationIn(path) !== undefined) found.kustomizations.push(path);
      else if (isChart(path)) found.charts.push(path);
      else await walk(path, recursive, others, found, diagnostics);
    } else if (KUSTOMIZATION_FILES.includes(basename(path))) found.kustomizations.push(dirname(path));
    else if (basename(path) === CHART_FILE) found.charts.push(dirname(path));
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
      if (!recursive || SKIPPED_DIRECTORIES.has(entry.name)) continue;
      if (kustomizationIn(path) !== undefined) found.walked.push(path);
      else if (isChart(path)) found.charts.push(path);
      else await walk(path, recursive, others, found, diagnostics);
    } else if (MANIFEST_EXTENSIONS.has(extension)) {
      found.manifests.push({ file: path, named: false });
    } else if (others.has(extension)) {
      found.others.push(path);
    }
  }
}

/**
 * One manifest file, read synchronously: a scan has nothing else to do meanwhile, and thousands of
 * files read through the thread pool wait on it six times each.
 */
function readOne(
  file: string,
  named: boolean,
  maxBytes: number,
  diagnostics: Diagnostic[],
): ReadSource | undefined {
  let text: string | undefined;
  try {
    text = useRegularFileSync(file, maxBytes, (bytes) =>
      bytes.subarray(0, LIMITS.binarySniffBytes).includes(0) ? undefined : bytes.toString('utf8'),
    );
  } catch (error) {
    diagnostics.push(fileError(file, error));
    return undefined;
  }
  if (text === undefined) {
    diagnostics.push({ level: 'error', file, line: 0, column: 0, message: 'binary file, not YAML or JSON' });
    return undefined;
  }
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

/** The error diagnostic of a file that could not be read: refused, missing, unreadable. */
export function fileError(file: string, error: unknown): Diagnostic {
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
