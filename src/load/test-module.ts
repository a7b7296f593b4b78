import { basename, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_MAX_FILE_SIZE } from './file-size.ts';
import { readRegularFile } from './regular-file.ts';
import { enableTypeScriptModules } from './typescript-modules.ts';

/** File extensions recognised as test modules. */
const MODULE_EXTENSIONS: readonly string[] = ['.ts', '.mts', '.js', '.mjs'];

/** What a test module's file name ends with before its extension, so a directory walk finds it. */
export const TEST_MODULE_SUFFIX = '.policy-test';

/** Whether a path named on the command line is a test module: any module extension. */
export function isTestModulePath(path: string): boolean {
  return MODULE_EXTENSIONS.includes(extname(path)) && !path.endsWith('.d.ts');
}

/**
 * Whether a file met in a directory walk is a test module: `*.policy-test.ts` (`.mts`, `.js`,
 * `.mjs`). Other modules beside them (helpers they import) are never imported by the walk.
 */
export function isTestModuleName(path: string): boolean {
  return isTestModulePath(path) && basename(path, extname(path)).endsWith(TEST_MODULE_SUFFIX);
}

/** A test module as imported: where it is and what it exports (user code, not yet interpreted). */
export interface ImportedModule {
  /** The path as given, for messages. */
  readonly path: string;
  readonly file: string;
  /** Name used in reports: the file name without extension and `.policy-test`. */
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
    const name = basename(file, extname(file));
    return {
      path,
      file,
      name: name.endsWith(TEST_MODULE_SUFFIX) ? name.slice(0, -TEST_MODULE_SUFFIX.length) : name,
      exports,
    };
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    throw new Error(`cannot load test module ${path}: ${reason}`, { cause: error });
  }
}
