import { readdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { BenchFailure } from './case.ts';
import type { BenchCase, Measurement } from './case.ts';

const HELPERS = new Set(['run.ts', 'case.ts', 'child.ts', 'generate.ts', 'random.ts']);

/**
 * `npm run bench [-- CASE...]`: runs every case in bench/ but the long ones (or the named ones) one
 * after the other
 * and prints their measurements, each with the peak RSS of the process that ran it when there is
 * one. A case that fails prints what it measured and why it failed; the run then exits 1.
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
    if (!module.bench || (module.bench.onlyWhenNamed === true && !positionals.includes(name))) continue;
    process.stdout.write(`\n== ${module.bench.name}\n`);
    try {
      print(await module.bench.run());
    } catch (error) {
      if (error instanceof BenchFailure) print(error.measurements);
      process.stderr.write(
        `bench ${module.bench.name} failed: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      process.exitCode = 1;
    }
  }
}

function print(measurements: readonly Measurement[]): void {
  for (const { label, value, unit, peakRssKiB } of measurements) {
    const shown = `${Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 2 : 0)} ${unit}`;
    const rss = peakRssKiB === undefined ? '' : `peak RSS ${(peakRssKiB / 1024).toFixed(0)} MiB`;
    process.stdout.write(`  ${label.padEnd(60)} ${rss ? `${shown.padEnd(12)} ${rss}` : shown.trimEnd()}\n`);
  }
}

await main();
