import { loadAll } from '../src/load/js-yaml.ts';
import { CHECKS } from '../src/checks/registry.ts';
import { parseConfig } from '../src/config/load-config.ts';
import { loadSources } from '../src/load/load.ts';
import { renderJson } from '../src/render/json.ts';
import { locationOf } from '../src/report/location.ts';
import { scanLoaded } from '../src/scan/scan.ts';
import { median } from './case.ts';
import type { BenchCase } from './case.ts';
import { generateCorpus } from './generate.ts';

const RESOURCES = Number(process.env.KUBEWARD_BENCH_RESOURCES ?? 20_000);
const ROUNDS = Number(process.env.KUBEWARD_BENCH_ROUNDS ?? 5);

/**
 * A full scan (parse with positions kept, inventory, every check, report, and line:column resolved
 * for every finding) against the floor: js-yaml parsing the same bytes into plain objects. Writing
 * the JSON report is timed apart (it grows with the number of findings, not with the input). All run
 * in the same process, alternating, best of KUBEWARD_BENCH_ROUNDS (default 5); the ratios are what
 * count on a noisy machine. The median of each round's own ratio (its scan over the floor measured
 * just before) is printed too: it shows whether the best times came from one quiet moment.
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
    let render = Infinity;
    const roundRatios: number[] = [];
    let findings = 0;
    let locatedFindings = 0;
    for (let round = 0; round < ROUNDS; round++) {
      let started = performance.now();
      for (const file of files) loadAll(file.text);
      const roundFloor = performance.now() - started;
      floor = Math.min(floor, roundFloor);

      started = performance.now();
      const { report } = scanLoaded(loadSources(sources), { checks: CHECKS, run, now: new Date() });
      let located = 0;
      for (const finding of report.findings) if (locationOf(finding)) located++;
      const roundScan = performance.now() - started;
      scan = Math.min(scan, roundScan);
      roundRatios.push(roundScan / roundFloor);
      findings = report.findings.length;
      locatedFindings = located;
      if (located > findings) throw new Error('impossible');

      started = performance.now();
      const output = renderJson(report);
      render = Math.min(render, performance.now() - started);
      if (output.length === 0) throw new Error('empty report');
    }
    return Promise.resolve([
      { label: 'resources', value: RESOURCES, unit: '' },
      { label: 'corpus size', value: bytes / 1e6, unit: 'MB' },
      { label: 'checks', value: CHECKS.length, unit: '' },
      { label: 'findings', value: findings, unit: '' },
      { label: 'findings located (the rest concern no loaded object)', value: locatedFindings, unit: '' },
      { label: 'floor: js-yaml loadAll', value: floor, unit: 'ms' },
      { label: 'full scan (load, inventory, checks, locations)', value: scan, unit: 'ms' },
      { label: 'JSON report of every finding', value: render, unit: 'ms' },
      { label: 'throughput (scan)', value: RESOURCES / (scan / 1000), unit: 'resources/s' },
      { label: 'scan / floor ratio', value: scan / floor, unit: '×' },
      { label: 'scan / floor ratio, median of the rounds', value: median(roundRatios), unit: '×' },
      { label: '(scan + JSON report) / floor ratio', value: (scan + render) / floor, unit: '×' },
    ]);
  },
};
