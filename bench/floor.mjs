// The floor of the scan bench, in a process of its own: `node bench/floor.mjs BUILD DIR` reads every
// file of DIR and parses it with js-yaml's loadAll into plain objects, kept alive until the end as a
// scan keeps them. BUILD is `commonjs` (dist/js-yaml.cjs.js, the build src/load/js-yaml.ts loads,
// required the same way) or `module` (dist/js-yaml.mjs, the package's ES module export). Prints
// `{"documents":N,"parseMs":T}`. Plain JavaScript, so that no TypeScript loader weighs on the floor.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const [build, directory] = process.argv.slice(2);
if ((build !== 'commonjs' && build !== 'module') || !directory) {
  process.stderr.write('usage: node bench/floor.mjs commonjs|module DIR\n');
  process.exit(2);
}
const jsYaml = build === 'commonjs' ? createRequire(import.meta.url)('js-yaml') : await import('js-yaml');
const started = performance.now();
const kept = [];
for (const name of readdirSync(directory).sort())
  kept.push(jsYaml.loadAll(readFileSync(join(directory, name), 'utf8')));
const parseMs = performance.now() - started;
const documents = kept.reduce((sum, documents) => sum + documents.length, 0);
process.stdout.write(`${JSON.stringify({ documents, parseMs })}\n`);
