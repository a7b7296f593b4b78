import { readdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { BenchCase } from './case.ts';

const HELPERS = new Set(['run.ts', 'case.ts', 'generate.ts', 'random.ts']);

/**
 * `npm run bench [-- CASE...]`: runs every case in bench/ (or the named ones) one after the other
 * and prints their measurements.
 */
async function main(): Promise<void> {
  const { positionals } = parseArgs({ allowPositionals: true });
  const names = readdirSync(import.meta.dirname)
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && !HELPERS.has(name))
    .map((name) => name.slice(0, -3))
    .filter((name) => positionals.length === 0 || positionals.includes(name))
    .sort();
  for (const name of names) {
    const module = (await import(`./${name}.ts`)) as { bench?: BenchCase };
    if (!module.bench) continue;
    process.stdout.write(`\n== ${module.bench.name}\n`);
    for (const { label, value, unit } of await module.bench.run()) {
      const shown = Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 2 : 0);
      process.stdout.write(`  ${label.padEnd(52)} ${shown} ${unit}\n`);
    }
  }
}

await main();
