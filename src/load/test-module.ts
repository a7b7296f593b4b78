import { basename, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_MAX_FILE_SIZE } from './file-size.ts';
import { readRegularFile } from './regular-file.ts';
import { enableTypeScriptModules } from './typescript-modules.ts';

/** File extensions recognised as test modules. */
export const MODULE_EXTENSIONS: readonly string[] = ['.ts', '.mts', '.js', '.mjs'];

/** Whether a path names a test module (by extension). */
export function isTestModulePath(path: string): boolean {
  return MODULE_EXTENSIONS.includes(extname(path)) && !path.endsWith('.d.ts');
}

/** A test module as imported: where it is and what it exports (user code, not yet interpreted). */
export interface ImportedModule {
  /** The path as given, for messages. */
  readonly path: string;
  readonly file: string;
  /** Name used in reports: the file name without extension. */
  readonly name: string;
  readonly exports: Readonly<Record<string, unknown>>;
}

/** Options for {@link importTestModule}. */
export interface ImportOptions {
  /** Most bytes a module (and each local file it imports) may hold; default {@link DEFAULT_MAX_FILE_SIZE}. */
  readonly maxFileSize?: number;
}

/**
 * Imports a test module with dynamic `import()`: `.js`/`.mjs` natively, `.ts`/`.mts` transpiled on
 * load (see typescript-hooks.ts), with their relative `.ts` imports. The module is code and runs with
 * the user's rights. It, and every local file it imports, must be a regular file (or a symbolic link
 * to one) within the size cap. Throws an Error naming the module and the reason when it cannot be
 * loaded.
 */
export async function importTestModule(path: string, options: ImportOptions = {}): Promise<ImportedModule> {
  const file = resolve(path);
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  enableTypeScriptModules({ maxFileSize });
  try {
    await readRegularFile(file, maxFileSize);
    const exports = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    return { path, file, name: basename(file, extname(file)), exports };
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    throw new Error(`cannot load test module ${path}: ${reason}`, { cause: error });
  }
}
