// Module customization hooks (node:module register) that let plain Node import TypeScript test
// modules: each .ts/.mts file is transpiled on load by esbuild's per-file transform, with an inline
// source map so stack traces name the .ts file and its lines. No type-checking happens here. Every
// local file a test module imports, itself included, must be a regular file within the size cap.
import type { InitializeHook, LoadHook, ResolveHook } from 'node:module';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';
import type { TransformFailure } from 'esbuild';
import { DEFAULT_MAX_FILE_SIZE } from './file-size.ts';
import { FileRefusedError, readRegularFile } from './regular-file.ts';

const TYPESCRIPT = /\.m?ts$/;
const RELATIVE = /^\.{1,2}\//;

/** What `register` passes to the hooks. */
export interface HookOptions {
  readonly maxFileSize?: number;
}

/** The size cap of the files imported, set once when the hooks are registered. */
let maxBytes = DEFAULT_MAX_FILE_SIZE;

/** Takes the size cap given to `register`. */
export const initialize: InitializeHook<HookOptions | undefined> = (data) => {
  maxBytes = data?.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
};

/**
 * The TypeScript file a relative import from a TypeScript module may mean when the specifier itself
 * does not exist: `./x.js` → `./x.ts`, `./x.mjs` → `./x.mts`, `./x` → `./x.ts` (tsc's conventions).
 */
export function typescriptCandidate(specifier: string, parentURL: string | undefined): string | undefined {
  if (parentURL === undefined || !TYPESCRIPT.test(new URL(parentURL).pathname) || !RELATIVE.test(specifier))
    return undefined;
  if (specifier.endsWith('.js')) return `${specifier.slice(0, -3)}.ts`;
  if (specifier.endsWith('.mjs')) return `${specifier.slice(0, -4)}.mts`;
  if (!/\.[a-z]+$/i.test(specifier)) return `${specifier}.ts`;
  return undefined;
}

/** Node's resolution first; a TypeScript sibling for a relative import that names none. */
export const resolve: ResolveHook = async (specifier, context, nextResolve) => {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    const candidate = typescriptCandidate(specifier, context.parentURL);
    if (candidate === undefined) throw error;
    try {
      return await nextResolve(candidate, context);
    } catch {
      throw error;
    }
  }
};

function isTransformFailure(error: unknown): error is TransformFailure {
  return error instanceof Error && Array.isArray((error as Partial<TransformFailure>).errors);
}

/** esbuild's first error as `file:line:col: message` (column 1-based, as every kubeward error). */
function transformError(error: unknown, file: string): Error {
  if (!isTransformFailure(error)) return error instanceof Error ? error : new Error(String(error));
  const first = error.errors[0];
  const where = first?.location
    ? `${file}:${String(first.location.line)}:${String(first.location.column + 1)}`
    : file;
  return new SyntaxError(`${where}: ${first?.text ?? error.message}`);
}

/**
 * Transpiles a local .ts/.mts file to an ES module; everything else loads as Node loads it, once a
 * local file is known to be a regular file within the cap (a FIFO would hang the import).
 */
export const load: LoadHook = async (url, context, nextLoad) => {
  if (!url.startsWith('file:')) return nextLoad(url, context);
  const file = fileURLToPath(url);
  const bytes = await readRegularFile(file, maxBytes).catch((error: unknown) => {
    throw error instanceof FileRefusedError ? new Error(`${file}: ${error.message}`) : error;
  });
  if (!TYPESCRIPT.test(new URL(url).pathname)) return nextLoad(url, context);
  const source = bytes.toString('utf8');
  try {
    const { code } = await transform(source, {
      loader: 'ts',
      format: 'esm',
      target: 'node20',
      sourcemap: 'inline',
      sourcefile: file,
    });
    return { format: 'module', source: code, shortCircuit: true };
  } catch (error) {
    throw transformError(error, file);
  }
};
