// TypeScript test modules on plain Node: the load layer is built as dist/ holds it (test-module.js
// with typescript-hooks.js beside it) and imported by a child `node` without tsx.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { build } from 'esbuild';
import { ROOT } from '../testing/scan-examples.ts';
import { makeFifo, releaseFifoAfter } from '../testing/hostile-files.ts';
import { importTestModule } from './test-module.ts';
import { typescriptCandidate } from './typescript-hooks.ts';

const MODULES: Readonly<Record<string, string>> = {
  'policy.ts': `import { Severity, label } from './severity.js';
import { describeImage } from './images.ts';
import type { Shape } from './shape.ts';
import { shout } from 'local-package';

namespace Limits {
  export const replicas: number = 3;
}

interface Named { readonly name: string }

export const kinds: string[] = ['Deployment'];

export function testSeverity(named: Named, shape?: Shape): string {
  return [label(Severity.High), describeImage(named.name), Limits.replicas, shout('ok'), shape ?? 'none'].join(' ');
}
`,
  'severity.ts': `export enum Severity { Low = 1, High = 3 }
export const label = (severity: Severity): string => \`\${Severity[severity]}=\${severity}\`;
`,
  'images.ts': `export const describeImage = (image: string): string => image.toUpperCase() as string;\n`,
  'shape.ts': `export type Shape = 'round' | 'square';\n`,
  'throws.ts': `type Reason = string;

const why: Reason = 'from a .ts line';
export function testThrows(): never {
  throw new Error(why);
}
`,
  'broken.ts': `export function testBroken(): void {
  const x: number = ;
}
`,
  'node_modules/local-package/package.json':
    '{"name":"local-package","type":"module","exports":"./index.js"}\n',
  'node_modules/local-package/index.js': 'export const shout = (text) => `${text}!`;\n',
};

/** Imports a module with the built load layer in a plain `node` (no tsx) and prints what it shows. */
const CHILD = `import { importTestModule } from './test-module.js';
const [path, call] = process.argv.slice(2);
if (process.execArgv.length > 0 || (process.env.NODE_OPTIONS ?? '') !== '') throw new Error('not plain node');
try {
  const module = await importTestModule(path);
  const test = module.exports[call];
  process.stdout.write(JSON.stringify({ kinds: module.exports.kinds, result: test({ name: 'nginx' }) }));
} catch (error) {
  process.stdout.write(JSON.stringify({ error: error.message, stack: error.stack }));
}
`;

describe('TypeScript test modules on plain Node', () => {
  let dir = '';
  const importInNode = (module: string, call: string): Record<string, unknown> => {
    const env = { ...process.env };
    delete env.NODE_OPTIONS;
    const result = spawnSync(process.execPath, [join(dir, 'child.mjs'), join(dir, 'modules', module), call], {
      cwd: dir,
      encoding: 'utf8',
      env,
    });
    assert.equal(result.status, 0, result.stderr);
    return JSON.parse(result.stdout) as Record<string, unknown>;
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kubeward-ts-modules-'));
    await build({
      entryPoints: [join(ROOT, 'src/load/test-module.ts'), join(ROOT, 'src/load/typescript-hooks.ts')],
      outdir: dir,
      bundle: true,
      format: 'esm',
      platform: 'node',
      packages: 'external',
      logLevel: 'silent',
    });
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
    writeFileSync(join(dir, 'child.mjs'), CHILD);
    for (const [name, text] of Object.entries(MODULES)) {
      mkdirSync(join(dir, 'modules', name, '..'), { recursive: true });
      writeFileSync(join(dir, 'modules', name), text);
    }
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs a module with an enum, a namespace, types, .js/.ts relative imports and a package of its own', () => {
    assert.deepEqual(importInNode('policy.ts', 'testSeverity'), {
      kinds: ['Deployment'],
      result: 'High=3 NGINX 3 ok! none',
    });
  });

  it('names the .ts file and its original line in a stack trace (inline source map)', () => {
    const { error, stack } = importInNode('throws.ts', 'testThrows');
    assert.equal(error, 'from a .ts line');
    assert.match(String(stack), /modules\/throws\.ts:5:9/);
  });

  it('reports a syntax error as file:line:col and the module that failed', () => {
    const { error } = importInNode('broken.ts', 'testBroken');
    assert.match(
      String(error),
      /^cannot load test module .*broken\.ts: .*modules\/broken\.ts:2:21: Unexpected ";"$/,
    );
  });
});

describe('typescriptCandidate', () => {
  const parent = 'file:///p/policy.ts';
  it('maps a relative .js, .mjs or extensionless import of a TypeScript module to its .ts file', () => {
    assert.equal(typescriptCandidate('./severity.js', parent), './severity.ts');
    assert.equal(typescriptCandidate('../lib/x.mjs', parent), '../lib/x.mts');
    assert.equal(typescriptCandidate('./images', parent), './images.ts');
  });
  it('leaves packages, other extensions and JavaScript importers alone', () => {
    assert.equal(typescriptCandidate('local-package', parent), undefined);
    assert.equal(typescriptCandidate('./data.json', parent), undefined);
    assert.equal(typescriptCandidate('./severity.js', 'file:///p/policy.mjs'), undefined);
    assert.equal(typescriptCandidate('./severity.js', undefined), undefined);
  });
});

describe('importTestModule and files that are not regular', { timeout: 20_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubeward-ts-hostile-'));
  const releases: (() => void)[] = [];
  before(() => {
    makeFifo(join(dir, 'fifo.policy.ts'));
    makeFifo(join(dir, 'helper.ts'));
    for (const fifo of ['fifo.policy.ts', 'helper.ts'])
      releases.push(releaseFifoAfter(join(dir, fifo), 5_000));
    writeFileSync(
      join(dir, 'imports-fifo.ts'),
      "import { x } from './helper.ts';\nexport const kinds = [x];\n",
    );
    writeFileSync(join(dir, 'big.ts'), `export const kinds = ['Pod'];\n//${'x'.repeat(4096)}\n`);
  });
  after(() => {
    for (const release of releases) release();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a FIFO module without waiting for a writer', async () => {
    await assert.rejects(importTestModule(join(dir, 'fifo.policy.ts')), {
      message: `cannot load test module ${join(dir, 'fifo.policy.ts')}: skipped: not a regular file (fifo)`,
    });
  });
  it('refuses a FIFO that a module imports', async () => {
    await assert.rejects(importTestModule(join(dir, 'imports-fifo.ts')), {
      message: `cannot load test module ${join(dir, 'imports-fifo.ts')}: ${join(dir, 'helper.ts')}: skipped: not a regular file (fifo)`,
    });
  });
  it('refuses a module above the size cap', async () => {
    await assert.rejects(importTestModule(join(dir, 'big.ts'), { maxFileSize: 1024 }), {
      message: `cannot load test module ${join(dir, 'big.ts')}: 4 KiB exceeds --max-file-size 1 KiB`,
    });
  });
});
