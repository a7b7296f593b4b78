import { basename, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PolicyTest } from './context.ts';

/** The tests one module exports. */
export interface TestModule {
  readonly file: string;
  /** Name used in reports: the file name without extension. */
  readonly name: string;
  /** Kinds the tests apply to (`export const kinds = [...]`); undefined = every resource. */
  readonly kinds: readonly string[] | undefined;
  readonly tests: readonly { readonly name: string; readonly run: PolicyTest }[];
}

/** File extensions recognised as test modules. */
export const MODULE_EXTENSIONS: readonly string[] = ['.ts', '.mts', '.js', '.mjs'];

/** Whether a path names a test module (by extension). */
export function isTestModulePath(path: string): boolean {
  return MODULE_EXTENSIONS.includes(extname(path)) && !path.endsWith('.d.ts');
}

function isTest(value: unknown): value is PolicyTest {
  return typeof value === 'function';
}

/**
 * Imports a test module with dynamic `import()`. Its tests are the exported functions whose names
 * start with `test` (kubetest's `def test_…`) and a default-exported function (named `default`).
 * `.ts` modules need a TypeScript loader in the process (tsx when kubeward runs from source);
 * without one, Node's error is turned into a clear message. Throws an Error with the reason when
 * the module cannot be loaded or exports no test.
 */
export async function loadTestModule(path: string): Promise<TestModule> {
  const file = resolve(path);
  let exports: Record<string, unknown>;
  try {
    exports = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    const hint =
      extname(file).endsWith('ts') && /Unknown file extension|ERR_UNKNOWN_FILE_EXTENSION/.test(reason)
        ? ' (TypeScript modules need a loader: run kubeward with tsx, or compile the module to .js)'
        : '';
    throw new Error(`cannot load test module ${path}: ${reason}${hint}`, { cause: error });
  }
  const tests = Object.entries(exports)
    .filter(([name, value]) => (name === 'default' || /^test/i.test(name)) && isTest(value))
    .map(([name, value]) => ({ name, run: value as PolicyTest }));
  if (tests.length === 0)
    throw new Error(
      `test module ${path} exports no test: export functions named test… or a default function`,
    );
  const kinds = Array.isArray(exports.kinds)
    ? exports.kinds.filter((kind): kind is string => typeof kind === 'string')
    : undefined;
  return { file, name: basename(file, extname(file)), kinds, tests };
}
