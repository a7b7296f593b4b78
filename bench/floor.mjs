// The floor of the scan bench, in a process of its own: `node bench/floor.mjs BUILD DIR` reads every
// file of DIR and parses it with js-yaml's loadAll into plain objects, kept alive until the end as a
// scan keeps them. BUILD is `commonjs` (dist/js-yaml.cjs.js, the build src/load/js-yaml.ts loads,
// required the same way) or `module` (dist/js-yaml.mjs, the package's ES module export). Prints
// `{"documents":N,"parseMs":T}`. Plain JavaScript, so that no TypeScript loader weighs on the floor.
// It starts as the bin does (src/cli/helper-threads.ts): on Linux, the other threads of the process,
// V8's helpers, get the lowest priority, so that both run under the same scheduling.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setPriority } from 'node:os';
import { join } from 'node:path';

if (process.platform === 'linux')
  for (const task of readdirSync('/proc/self/task'))
    if (Number(task) !== process.pid) setPriority(Number(task), 19);

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
