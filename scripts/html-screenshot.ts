import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHECKS } from '../src/checks/registry.ts';
import { parseConfig } from '../src/config/parse-config.ts';
import { load } from '../src/load/load.ts';
import { renderHtmlReport } from '../src/render/html.ts';
import { reportGraphs } from '../src/report/graphs.ts';
import { scanLoaded } from '../src/scan/scan.ts';
import { openBrowserPage } from '../src/testing/browser.ts';
import { ROOT } from '../src/testing/scan-examples.ts';

/**
 * `npx tsx scripts/html-screenshot.ts`: the HTML report of examples/insecure, opened in the installed
 * headless Chromium, written as docs/images/html-report.png (the picture docs/output.md shows).
 */
async function main(): Promise<void> {
  const run = parseConfig('<defaults>', '', CHECKS).run;
  const loaded = await load([join(ROOT, 'examples/insecure')], { recursive: true });
  const scanned = scanLoaded(loaded, { checks: CHECKS, run, now: new Date() });
  const html = await renderHtmlReport({
    ...scanned.report,
    graphs: reportGraphs(scanned.inventory, run.settings),
  });
  const directory = mkdtempSync(join(tmpdir(), 'kubeward-screenshot-'));
  const file = join(directory, 'report.html');
  writeFileSync(file, html);
  const browser = await openBrowserPage({ width: 1280, height: 1600 });
  try {
    await browser.page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    await browser.page.waitForSelector('body[data-ready="1"]');
    mkdirSync(join(ROOT, 'docs', 'images'), { recursive: true });
    await browser.page.screenshot({ path: join(ROOT, 'docs', 'images', 'html-report.png') });
  } finally {
    await browser.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

await main();
