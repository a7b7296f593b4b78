// The layer order of docs/architecture.md, as eslint.config.js enforces it: fixtures linted in memory
// at paths inside src/, with the project's own config, so a wrong import fails `npm run lint`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';

const ROOT = import.meta.dirname.replace(/\/src$/, '');
const LAYER_RULES = new Set([
  '@typescript-eslint/no-restricted-imports',
  'no-restricted-globals',
  'no-restricted-syntax',
]);

/** The project's config, without type information (these rules need none) and only its layer rules. */
const eslint = new ESLint({
  cwd: ROOT,
  ruleFilter: ({ ruleId }) => LAYER_RULES.has(ruleId),
  overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } } },
});

/** `line:column rule` of every problem in `code` linted as the file `filePath`. */
async function problems(filePath: string, code: string): Promise<string[]> {
  return (await messages(filePath, code)).map(
    (message) => `${String(message.line)}:${String(message.column)} ${message.ruleId ?? 'fatal'}`,
  );
}

async function messages(filePath: string, code: string): Promise<ESLint.LintResult['messages']> {
  const [result] = await eslint.lintText(code, { filePath });
  return result?.messages ?? [];
}

describe('layers (eslint.config.js)', () => {
  it('rejects an upward import: model importing render', async () => {
    const code =
      "import { severityRank } from './severity.ts';\n  import { renderJson } from '../render/json.ts';\n";
    assert.deepEqual(await problems('src/model/fixture.ts', code), [
      '2:3 @typescript-eslint/no-restricted-imports',
    ]);
  });

  it('rejects an upward import from a nested folder: a check importing scan', async () => {
    const code = "import { scanLoaded } from '../../scan/scan.ts';\n";
    assert.deepEqual(await problems('src/checks/pss/fixture.ts', code), [
      '1:1 @typescript-eslint/no-restricted-imports',
    ]);
  });

  it('rejects I/O in an engine, allowing only the pure address helpers of node:net', async () => {
    const code = [
      "import { isIP } from 'node:net';",
      "import { readFileSync } from 'node:fs';",
      "import { createServer } from 'node:net';",
      'export const home = process.env.HOME;',
    ].join('\n');
    assert.deepEqual(await problems('src/netpol/fixture.ts', code), [
      '2:1 @typescript-eslint/no-restricted-imports',
      '3:10 @typescript-eslint/no-restricted-imports',
      '4:21 no-restricted-globals',
    ]);
  });

  it('lets only src/probe, src/cluster, src/registry and src/vulndb open sockets, and only src/load read files', async () => {
    const https = "import { request } from 'node:https';\n";
    const fs = "import { readFileSync } from 'node:fs';\n";
    assert.deepEqual(await problems('src/probe/fixture.ts', https), []);
    assert.deepEqual(await problems('src/probe/fixture.ts', fs), [
      '1:1 @typescript-eslint/no-restricted-imports',
    ]);
    assert.deepEqual(await problems('src/cluster/fixture.ts', https), []);
    assert.deepEqual(await problems('src/cluster/fixture.ts', fs), [
      '1:1 @typescript-eslint/no-restricted-imports',
    ]);
    assert.deepEqual(await problems('src/cluster/fixture.ts', "import { scan } from '../cli/scan.ts';\n"), [
      '1:1 @typescript-eslint/no-restricted-imports',
    ]);
    assert.deepEqual(await problems('src/registry/fixture.ts', https), []);
    assert.deepEqual(await problems('src/registry/fixture.ts', fs), [
      '1:1 @typescript-eslint/no-restricted-imports',
    ]);
    assert.deepEqual(
      await problems('src/registry/fixture.ts', "import { images } from '../cli/images.ts';\n"),
      ['1:1 @typescript-eslint/no-restricted-imports'],
    );
    assert.deepEqual(await problems('src/vulndb/fixture.ts', https), []);
    assert.deepEqual(await problems('src/vulndb/fixture.ts', fs), [
      '1:1 @typescript-eslint/no-restricted-imports',
    ]);
    assert.deepEqual(await problems('src/scan/fixture.ts', https), [
      '1:1 @typescript-eslint/no-restricted-imports',
    ]);
    assert.deepEqual(await problems('src/load/fixture.ts', fs), []);
  });

  it("keeps engines off src/load's readers, not its parsers nor the readers' types", async () => {
    const code = [
      "import { loadSources } from '../load/load.ts';",
      "import { load } from '../load/load.ts';",
      "import { readSources } from '../load/read.ts';",
      "import type { ReadSource } from '../load/read.ts';",
      "import { readRegularFile } from '../load/regular-file.ts';",
    ].join('\n');
    assert.deepEqual(await problems('src/score/fixture.ts', code), [
      '2:10 @typescript-eslint/no-restricted-imports',
      '3:1 @typescript-eslint/no-restricted-imports',
      '5:1 @typescript-eslint/no-restricted-imports',
    ]);
  });

  it('rejects an engine importing another engine', async () => {
    assert.deepEqual(
      await problems('src/rbac/fixture.ts', "import { parseCidr } from '../netpol/ip.ts';\n"),
      ['1:1 @typescript-eslint/no-restricted-imports'],
    );
  });

  it('rejects production code importing a testing folder, and lets tests do it', async () => {
    const code = "import { fixturesOf } from '../testing/fixtures.ts';\n";
    assert.deepEqual(await problems('src/scan/fixture.ts', code), [
      '1:1 @typescript-eslint/no-restricted-imports',
    ]);
    assert.deepEqual(await problems('src/scan/fixture.test.ts', code), []);
  });

  it('accepts downward and same-layer imports, including folders named like a layer', async () => {
    const check = [
      "import type { Check } from '../../model/check.ts';",
      "import { evaluatePod } from '../../pss/evaluate.ts';",
      "import { parseSource } from '../../load/parse.ts';",
      "import { runChecks } from '../run.ts';",
    ].join('\n');
    assert.deepEqual(await problems('src/checks/pss/fixture.ts', check), []);
    assert.deepEqual(
      await problems('src/pss/fixture.ts', "import { privileged } from './checks/privileged.ts';\n"),
      [],
    );
    const command =
      "import { RENDERERS } from '../render/index.ts';\nimport { readFileSync } from 'node:fs';\n";
    assert.deepEqual(await problems('src/cli/fixture.ts', command), []);
  });
});

describe('restricted syntax (eslint.config.js)', () => {
  it('rejects an array spread into the arguments of a call or a constructor, in any file', async () => {
    const code = [
      'const widths: number[] = [];',
      'const lines: string[] = [];',
      'export const widest = Math.max(0, ...widths);',
      'lines.push(...lines.map((line) => line.trim()));',
      'export const copy = new Set(...[lines]);',
    ].join('\n');
    for (const file of ['src/render/fixture.ts', 'src/render/fixture.test.ts', 'bench/fixture.ts'])
      assert.deepEqual(await problems(file, code), [
        '3:35 no-restricted-syntax',
        '4:12 no-restricted-syntax',
        '5:29 no-restricted-syntax',
      ]);
    const [message] = await messages('src/render/fixture.ts', code);
    assert.match(message?.message ?? '', /^no spread into a call: .*Maximum call stack size exceeded/);
  });

  it('accepts spreads into array and object literals, rest parameters, and loops', async () => {
    const code = [
      'const widths: number[] = [1, 2];',
      'const all = [...widths, 3];',
      'const options = { ...{ a: 1 }, b: 2 };',
      'const joined = (...parts: string[]): string => parts.join();',
      'let widest = 0;',
      'for (const width of all) if (width > widest) widest = width;',
      'export const result = [joined(String(widest)), options];',
    ].join('\n');
    assert.deepEqual(await problems('src/render/fixture.ts', code), []);
  });

  it("keeps js-yaml's values to src/load/js-yaml.ts, and its types open", async () => {
    const code = "import { load } from 'js-yaml';\nimport type { Event } from 'js-yaml';\nexport { load };\n";
    assert.deepEqual(await problems('src/scan/fixture.ts', code), ['1:1 no-restricted-syntax']);
  });
});

describe('dist/', () => {
  it('is built from production files only: no test and no testing/ helper is compiled', () => {
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    const listed = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--listFilesOnly'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    assert.equal(listed.status, 0, listed.stdout + listed.stderr);
    const sources = listed.stdout.split('\n').filter((file) => file.startsWith(`${ROOT}/src/`));
    assert.ok(sources.some((file) => file.endsWith('/src/index.ts')));
    assert.deepEqual(
      sources.filter((file) => /\/testing\/|\.test\.ts$/.test(file)),
      [],
    );
  });
});
