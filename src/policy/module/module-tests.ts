import type { ImportedModule } from '../../load/test-module.ts';
import type { PolicyTest } from './context.ts';

/** The tests one module exports. */
export interface TestModule {
  readonly file: string;
  /** Name used in reports: the file name without extension and `.policy-test`. */
  readonly name: string;
  /** Kinds the tests apply to (`export const kinds = [...]`); undefined = every resource. */
  readonly kinds: readonly string[] | undefined;
  readonly tests: readonly { readonly name: string; readonly run: PolicyTest }[];
}

function isTest(value: unknown): value is PolicyTest {
  return typeof value === 'function';
}

/**
 * The tests of an imported module: the exported functions whose names start with `test` (kubetest's
 * `def test_…`) and a default-exported function (named `default`), and its `kinds`. Throws an Error
 * when the module exports no test.
 */
export function testModuleOf(module: ImportedModule): TestModule {
  const tests = Object.entries(module.exports)
    .filter(([name, value]) => (name === 'default' || /^test/i.test(name)) && isTest(value))
    .map(([name, value]) => ({ name, run: value as PolicyTest }));
  if (tests.length === 0)
    throw new Error(
      `test module ${module.path} exports no test: export functions named test… or a default function`,
    );
  const kinds = Array.isArray(module.exports.kinds)
    ? module.exports.kinds.filter((kind): kind is string => typeof kind === 'string')
    : undefined;
  return { file: module.file, name: module.name, kinds, tests };
}
