import { loadAll } from 'js-yaml';
import { CHECKS } from '../src/checks/registry.ts';
import { parseConfig } from '../src/config/load-config.ts';
import { loadSources } from '../src/load/load.ts';
import { renderJson } from '../src/render/json.ts';
import { scanLoaded } from '../src/scan/scan.ts';
import type { BenchCase } from './case.ts';
import { generateCorpus } from './generate.ts';

const RESOURCES = Number(process.env.KUBEWARD_BENCH_RESOURCES ?? 20_000);
const ROUNDS = 3;

/**
 * Full scan (parse with positions kept, inventory, every check, report, JSON with every finding
 * located) against the floor: js-yaml parsing the same bytes into plain objects. Both run in the same
 * process, alternating, best of three; the ratio is what counts on a noisy machine.
 */
export const bench: BenchCase = {
  name: 'scan',
  run() {
    const files = generateCorpus(RESOURCES);
    const bytes = files.reduce((sum, file) => sum + Buffer.byteLength(file.text), 0);
    const sources = files.map((file) => ({
      file: file.name,
      text: file.text,
      format: 'yaml' as const,
      named: true,
    }));
    const run = parseConfig('<defaults>', '', CHECKS).run;
    let floor = Infinity;
    let scan = Infinity;
    let findings = 0;
    for (let round = 0; round < ROUNDS; round++) {
      let started = performance.now();
      for (const file of files) loadAll(file.text);
      floor = Math.min(floor, performance.now() - started);

      started = performance.now();
      const { report } = scanLoaded(loadSources(sources), { checks: CHECKS, run });
      const output = renderJson(report);
      scan = Math.min(scan, performance.now() - started);
      findings = report.findings.length;
      if (output.length === 0) throw new Error('empty report');
    }
    return Promise.resolve([
      { label: 'resources', value: RESOURCES, unit: '' },
      { label: 'corpus size', value: bytes / 1e6, unit: 'MB' },
      { label: 'checks', value: CHECKS.length, unit: '' },
      { label: 'findings', value: findings, unit: '' },
      { label: 'floor: js-yaml loadAll', value: floor, unit: 'ms' },
      { label: 'full scan (load, inventory, checks, JSON report)', value: scan, unit: 'ms' },
      { label: 'throughput', value: RESOURCES / (scan / 1000), unit: 'resources/s' },
      { label: 'scan / floor ratio', value: scan / floor, unit: '×' },
    ]);
  },
};
