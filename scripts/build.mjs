#!/usr/bin/env node
// `npm run build`: the library through tsc (dist/index.js and its declarations, as package.json
// "exports" names them) and the CLI as an esbuild bundle in dist/cli/, split so that each
// sub-command loads its own modules only when it runs. `node scripts/build.mjs --cli` bundles the
// CLI alone (what `npm run bench -- startup` needs); `--outdir DIR` writes it elsewhere (tests).
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

/**
 * The files of the CLI bundle that are entry points of their own, written to dist/cli/ under the
 * given name next to main.js and the chunks (modules loaded by path, such as loader hooks given
 * to module.register, belong here).
 */
const CLI_ENTRY_POINTS = [
  { in: 'src/cli/main.ts', out: 'main' },
  { in: 'src/load/typescript-hooks.ts', out: 'typescript-hooks' },
];

/**
 * Native or self-locating packages the bundle must load from node_modules
 * (@cyclonedx/cyclonedx-library finds its schemas through __dirname, sql.js its WebAssembly file).
 */
const EXTERNAL = ['esbuild', '@cyclonedx/cyclonedx-library', 'sql.js'];

/**
 * src/load/js-yaml.ts loads js-yaml's CommonJS build at run time; the bundle holds that same build
 * instead, so a bundle runs wherever it is written. Its exports are read once into constants: a
 * re-export (`export *`) of a CommonJS module makes every use go through a getter, which took a
 * sixth of a large scan's time in the parse and position lookups.
 */
const jsYamlCommonJs = {
  name: 'js-yaml-commonjs',
  setup(build) {
    const module = resolve('src/load/js-yaml.ts');
    const commonJs = createRequire(module).resolve('js-yaml');
    const names = Object.keys(createRequire(module)(commonJs)).filter(
      (name) => name !== 'default' && /^[A-Za-z_$][\w$]*$/.test(name),
    );
    build.onLoad({ filter: /[\\/]src[\\/]load[\\/]js-yaml\.ts$/ }, (args) =>
      args.path === module
        ? {
            contents: `import jsYaml from ${JSON.stringify(commonJs)};\nexport const { ${names.join(', ')} } = jsYaml;\n`,
            loader: 'js',
          }
        : undefined,
    );
  },
};

/**
 * The module of src/ that loads string-width on first use, through `createRequire(import.meta.url)`
 * (src/render/string-width.ts). In the bundle that call becomes a plain `require`: esbuild then holds
 * the package inside and evaluates it when the call is first made, not when the bundle loads.
 */
const lazyRequires = {
  name: 'lazy-requires',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/]render[\\/]string-width\.ts$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replaceAll('createRequire(import.meta.url)(', 'require('),
      loader: 'ts',
    }));
  },
};

/** Bundles the CLI into `outdir` with linked source maps naming the files under src/. */
async function bundleCli(outdir) {
  rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints: CLI_ENTRY_POINTS,
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    chunkNames: '[name]-[hash]',
    external: EXTERNAL,
    sourcemap: 'linked',
    sourcesContent: false,
    // Bundled CommonJS dependencies require() Node's built-in modules.
    banner: {
      js: "import { createRequire as kubewardRequire } from 'node:module';\nconst require = kubewardRequire(import.meta.url);",
    },
    plugins: [jsYamlCommonJs, lazyRequires],
    logLevel: 'warning',
  });
  chmodSync(join(outdir, 'main.js'), 0o755);
}

/** Emits the library and its declarations with tsc (tsconfig.build.json leaves the CLI out). */
function compileLibrary() {
  rmSync('dist', { recursive: true, force: true });
  const result = spawnSync(
    process.execPath,
    ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'],
    {
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const { values } = parseArgs({
  options: { cli: { type: 'boolean', default: false }, outdir: { type: 'string', default: 'dist/cli' } },
});
if (!values.cli) compileLibrary();
await bundleCli(values.outdir);
