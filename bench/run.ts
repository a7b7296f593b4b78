import { readdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { BenchCase } from './case.ts';

const HELPERS = new Set(['run.ts', 'case.ts', 'child.ts', 'generate.ts', 'random.ts']);

/**
 * `npm run bench [-- CASE...]`: runs every case in bench/ (or the named ones) one after the other
 * and prints their measurements, each with the peak RSS of the process that ran it when there is one.
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
    for (const { label, value, unit, peakRssKiB } of await module.bench.run()) {
      const shown = `${Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 2 : 0)} ${unit}`;
      const rss = peakRssKiB === undefined ? '' : `  peak RSS ${(peakRssKiB / 1024).toFixed(0)} MiB`;
      process.stdout.write(
        `  ${label.padEnd(60)} ${rss ? shown.padEnd(14) : shown}${rss}\n`.trimEnd() + '\n',
      );
    }
  }
}

await main();
