// Writes docs/checks/<id>.md and docs/checks/README.md from the registered checks and their fixtures,
// and docs/cis.md from the CIS Benchmark catalogue and the checks' `cis` metadata.
// `--check` writes nothing and exits 1 when a page is missing, stale or left over from a removed check.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CIS_BENCHMARK } from '../src/model/frameworks/cis.ts';
import { CHECKS } from '../src/checks/registry.ts';
import { CIS_DOCS_FILE, renderCisPage } from '../src/docs/cis-page.ts';
import { CHECK_DOCS_DIR, generateCheckDocs } from '../src/docs/generate.ts';
import { readExamples } from '../src/testing/check-examples.ts';

const directory = join(import.meta.dirname, '..', CHECK_DOCS_DIR);
const files = generateCheckDocs(CHECKS, readExamples);
const existing = existsSync(directory) ? readdirSync(directory).filter((name) => name.endsWith('.md')) : [];
const leftovers = existing.filter((name) => !files.has(name));
const stale = [...files].filter(([name, text]) => {
  const path = join(directory, name);
  return !existsSync(path) || readFileSync(path, 'utf8') !== text;
});
const cisPath = join(import.meta.dirname, '..', CIS_DOCS_FILE);
const cisPage = renderCisPage(CIS_BENCHMARK, CHECKS);
const cisStale = !existsSync(cisPath) || readFileSync(cisPath, 'utf8') !== cisPage;

if (process.argv.includes('--check')) {
  for (const [name] of stale) process.stderr.write(`${CHECK_DOCS_DIR}/${name} is missing or stale\n`);
  for (const name of leftovers)
    process.stderr.write(`${CHECK_DOCS_DIR}/${name} documents no registered check\n`);
  if (cisStale) process.stderr.write(`${CIS_DOCS_FILE} is missing or stale\n`);
  if (stale.length + leftovers.length > 0 || cisStale) {
    process.stderr.write('run: npx tsx scripts/gen-docs.ts\n');
    process.exitCode = 1;
  }
} else {
  mkdirSync(directory, { recursive: true });
  for (const [name, text] of stale) writeFileSync(join(directory, name), text);
  for (const name of leftovers) rmSync(join(directory, name));
  if (cisStale) writeFileSync(cisPath, cisPage);
  process.stdout.write(
    `${CHECK_DOCS_DIR}: ${String(files.size)} files, ${String(stale.length)} written, ${String(leftovers.length)} removed; ` +
      `${CIS_DOCS_FILE}: ${cisStale ? 'written' : 'up to date'}\n`,
  );
}
