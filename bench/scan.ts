import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from './case.ts';
import type { BenchCase, Measurement } from './case.ts';
import { CLI, completed, ensureBuilt, runNode } from './child.ts';
import type { ChildRun } from './child.ts';
import { writeCorpus } from './generate.ts';

const RESOURCES = Number(process.env.KUBEWARD_BENCH_RESOURCES ?? 20_000);
const ROUNDS = Number(process.env.KUBEWARD_BENCH_ROUNDS ?? 5);
const FLOOR = join(import.meta.dirname, 'floor.mjs');

/** The goals of the scan against the floor: time and peak RSS, as multiples of the floor's. */
const GOALS = { table: 2.5, json: 3, rss: 3 } as const;

const BUILDS = ['commonjs', 'module'] as const;
type Build = (typeof BUILDS)[number];

/** One round's runs. */
interface Round {
  readonly floor: Record<Build, ChildRun>;
  readonly table: ChildRun;
  readonly json: ChildRun;
}

/**
 * The built CLI scanning a generated corpus written to a temporary directory (every check, the
 * default table on stdout; then `-o json --output-file`), against the floor: a process that only
 * reads the same files and parses them with js-yaml's loadAll, in the build of js-yaml that is
 * fastest here (both are run; the bench prints which won). Every phase is a process of its own,
 * so each has its own wall time and peak RSS. The runs alternate, KUBEWARD_BENCH_ROUNDS rounds
 * (default 5); the best time of each is compared, and the median of each round's own ratio shows
 * whether the best times came from one quiet moment. The least CPU time (user and system, every
 * thread) of each phase is compared too: on a machine other processes share, it moves less than
 * the wall time.
 */
export const bench: BenchCase = {
  name: 'scan',
  run() {
    ensureBuilt();
    const directory = mkdtempSync(join(tmpdir(), 'kubeward-scan-bench-'));
    try {
      const corpus = join(directory, 'corpus');
      const bytes = writeCorpus(corpus, RESOURCES);
      const report = join(directory, 'report.json');
      const rounds: Round[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const floor = {} as Record<Build, ChildRun>;
        for (const build of BUILDS) floor[build] = floorRun(build, corpus);
        const table = completed('scan', runNode([CLI, 'scan', corpus], true));
        const json = completed(
          'scan -o json --output-file',
          runNode([CLI, 'scan', corpus, '-o', 'json', '--output-file', report]),
        );
        rounds.push({ floor, table, json });
      }
      return Promise.resolve(measurements(rounds, bytes, statSync(report).size));
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  },
};

function floorRun(build: Build, corpus: string): ChildRun {
  const run = completed(`floor (${build})`, runNode([FLOOR, build, corpus]), [0]);
  const { documents } = JSON.parse(run.stdout) as { documents: number };
  if (documents !== RESOURCES)
    throw new Error(`the floor parsed ${String(documents)} documents, not ${String(RESOURCES)}`);
  return run;
}

const best = (runs: readonly ChildRun[]): ChildRun =>
  runs.reduce((fastest, run) => (run.wallMs < fastest.wallMs ? run : fastest));

/** The least CPU time (user and system) of some runs, in ms: what a loaded machine disturbs least. */
const leastCpu = (runs: readonly ChildRun[]): number =>
  runs.reduce((least, run) => Math.min(least, run.cpuMs), Number.POSITIVE_INFINITY);

function measurements(rounds: readonly Round[], bytes: number, reportBytes: number): Measurement[] {
  const bestOf = (build: Build) => best(rounds.map((round) => round.floor[build]));
  const fastest = BUILDS.reduce((a, b) => (bestOf(b).wallMs < bestOf(a).wallMs ? b : a));
  const floor = bestOf(fastest);
  const table = best(rounds.map((round) => round.table));
  const json = best(rounds.map((round) => round.json));
  const roundRatio = (phase: 'table' | 'json') =>
    median(rounds.map((round) => round[phase].wallMs / round.floor[fastest].wallMs));
  const floorCpu = leastCpu(rounds.map((round) => round.floor[fastest]));
  const cpuOf = (phase: 'table' | 'json') => leastCpu(rounds.map((round) => round[phase]));
  const shown = (run: ChildRun) => ({ value: run.wallMs, unit: 'ms', peakRssKiB: run.peakRssKiB });
  return [
    { label: 'resources', value: RESOURCES, unit: '' },
    { label: 'corpus size', value: bytes / 1e6, unit: 'MB' },
    ...BUILDS.map((build) => ({
      label: `floor candidate: read + loadAll, js-yaml ${build} build`,
      ...shown(bestOf(build)),
    })),
    { label: `floor: js-yaml ${fastest} build (fastest), process`, ...shown(floor) },
    { label: 'floor: its loadAll alone (in the process)', value: parseMs(floor), unit: 'ms' },
    { label: 'kubeward scan (table to stdout), process', ...shown(table) },
    { label: 'kubeward scan -o json --output-file, process', ...shown(json) },
    { label: 'JSON report size', value: reportBytes / 1e6, unit: 'MB' },
    { label: 'throughput (scan)', value: RESOURCES / (table.wallMs / 1000), unit: 'resources/s' },
    {
      label: `scan / floor (at most ${String(GOALS.table)}×)`,
      value: table.wallMs / floor.wallMs,
      unit: '×',
    },
    { label: 'scan / floor, median of the rounds', value: roundRatio('table'), unit: '×' },
    {
      label: `scan -o json / floor (at most ${String(GOALS.json)}×)`,
      value: json.wallMs / floor.wallMs,
      unit: '×',
    },
    { label: 'scan -o json / floor, median of the rounds', value: roundRatio('json'), unit: '×' },
    { label: 'CPU time: floor, least of the rounds', value: floorCpu, unit: 'ms' },
    { label: 'CPU time: scan (table), least of the rounds', value: cpuOf('table'), unit: 'ms' },
    { label: 'CPU time: scan -o json, least of the rounds', value: cpuOf('json'), unit: 'ms' },
    { label: 'CPU time scan / floor', value: cpuOf('table') / floorCpu, unit: '×' },
    { label: 'CPU time scan -o json / floor', value: cpuOf('json') / floorCpu, unit: '×' },
    {
      label: `peak RSS scan / floor (at most ${String(GOALS.rss)}×)`,
      value: table.peakRssKiB / floor.peakRssKiB,
      unit: '×',
    },
    {
      label: `peak RSS scan -o json / floor (at most ${String(GOALS.rss)}×)`,
      value: json.peakRssKiB / floor.peakRssKiB,
      unit: '×',
    },
  ];
}

function parseMs(run: ChildRun): number {
  return (JSON.parse(run.stdout) as { parseMs: number }).parseMs;
}
