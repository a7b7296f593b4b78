import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHECKS } from '../src/checks/registry.ts';
import { parseConfig } from '../src/config/parse-config.ts';
import { loadSources } from '../src/load/load.ts';
import { renderHtmlReport } from '../src/render/html.ts';
import { reportGraphs } from '../src/report/graphs.ts';
import { scanLoaded } from '../src/scan/scan.ts';
import { openBrowserPage } from '../src/testing/browser.ts';
import { BenchFailure, median } from './case.ts';
import type { BenchCase, Measurement } from './case.ts';
import { generateCorpus } from './generate.ts';

/** Workloads in the generated cluster, and the page's goals for it. */
const WORKLOADS = 5_000;
const MAX_LOAD_MS = 2_000;
const MAX_BYTES = 5 * 1024 * 1024;
const LOADS = 3;

/** Resources of bench/generate.ts's corpus that hold at least `workloads` workloads. */
function corpusWith(workloads: number): ReturnType<typeof loadSources> {
  let resources = workloads * 5;
  for (;;) {
    const files = generateCorpus(resources);
    const loaded = loadSources(
      files.map((file) => ({ file: file.name, text: file.text, format: 'yaml' as const, named: true })),
    );
    const count = loaded.resources.filter((r) =>
      ['Deployment', 'StatefulSet', 'DaemonSet', 'CronJob'].includes(r.kind),
    ).length;
    if (count >= workloads) return loaded;
    resources = Math.ceil((resources * workloads) / count) + 10;
  }
}

/**
 * `npm run bench -- html`: the HTML report of a generated cluster of 5,000 workloads (bench/generate.ts:
 * 40 namespaces, with findings, NetworkPolicies and RBAC), its size, and how long headless Chromium
 * takes to load it until its findings are listed (median of 3 loads; the page is then drawn by
 * namespace). Goals: at most 5 MB and 2 s.
 */
export const bench: BenchCase = {
  name: 'html: the report page of a 5,000-workload cluster',
  onlyWhenNamed: true,
  async run() {
    const run = parseConfig('<defaults>', '', CHECKS).run;
    const loaded = corpusWith(WORKLOADS);
    const scanned = scanLoaded({ ...loaded, files: 1 }, { checks: CHECKS, run, now: new Date() });
    const started = performance.now();
    const graphs = reportGraphs(scanned.inventory, run.settings);
    const modelled = performance.now();
    const html = await renderHtmlReport({ ...scanned.report, graphs });
    const rendered = performance.now();
    const directory = mkdtempSync(join(tmpdir(), 'kubeward-bench-html-'));
    const file = join(directory, 'report.html');
    writeFileSync(file, html);
    const bytes = Buffer.byteLength(html);
    const browser = await openBrowserPage();
    const loads: number[] = [];
    let shown = 0;
    try {
      for (let i = 0; i < LOADS; i++) {
        const start = performance.now();
        await browser.page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
        await browser.page.waitForSelector('body[data-ready="1"]', { timeout: 60_000 });
        loads.push(performance.now() - start);
      }
      shown = await browser.page.$$eval('#network-graph .node.namespace', (nodes) => nodes.length);
      if (browser.errors.length > 0) throw new Error(`console errors: ${browser.errors.join('; ')}`);
    } finally {
      await browser.close();
      rmSync(directory, { recursive: true, force: true });
    }
    const load = median(loads);
    const measurements: Measurement[] = [
      { label: 'workloads', value: graphs.network.workloads.length, unit: '' },
      { label: 'findings', value: scanned.report.findings.length, unit: '' },
      { label: 'namespaces drawn (graph aggregated)', value: shown, unit: '' },
      { label: 'graphs from the engines', value: modelled - started, unit: 'ms' },
      { label: 'layout (elkjs) and page', value: rendered - modelled, unit: 'ms' },
      { label: 'file size', value: bytes / (1024 * 1024), unit: 'MiB' },
      {
        label: `load in headless Chromium until the findings show (median of ${String(LOADS)})`,
        value: load,
        unit: 'ms',
      },
    ];
    const failures = [
      ...(bytes > MAX_BYTES ? [`file of ${String(bytes)} bytes, over 5 MiB`] : []),
      ...(load > MAX_LOAD_MS ? [`loads in ${load.toFixed(0)} ms, over ${String(MAX_LOAD_MS)} ms`] : []),
    ];
    if (failures.length > 0) throw new BenchFailure(failures.join('; '), measurements);
    return measurements;
  },
};
