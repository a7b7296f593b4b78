import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAll } from '../src/load/js-yaml.ts';
import { BenchFailure } from './case.ts';
import type { BenchCase, Measurement } from './case.ts';
import { CLI, ensureBuilt, failureOf, runNode } from './child.ts';
import { generateCorpus, writeCorpus } from './generate.ts';
import { generateNetpolCorpus } from './netpol.ts';
import { generateRbacCorpus } from './rbac.ts';

/**
 * The most peak RSS a scan report may take: 2 GiB for 200k resources; for another count, 256 MiB
 * for Node.js itself and the rest in proportion (973 MiB for 80k), so that a reduced run still
 * catches a report or a model that outgrows the goal.
 */
function rssCapKiB(resources: number): number {
  const runtime = 256 * 1024;
  return Math.round(runtime + ((2 * 2 ** 20 - runtime) * resources) / 200_000);
}

/**
 * The sizes of the suite. `ci` (KUBEWARD_BENCH_SCALE=ci) is reduced to a few minutes, yet each size
 * stays past the point where kubeward once broke: a JSON report above ~75k resources and a SARIF one
 * above ~60k ("Invalid string length"), a List above ~150k items and a netpol table above ~120k
 * connections, some 400 Deployments ("Maximum call stack size exceeded").
 */
const SIZES = {
  full: {
    json: 200_000,
    sarif: 200_000,
    list: 500_000,
    workloads: 5_000,
    matrixOutputs: ['table', 'json', 'csv'],
    bindings: 50_000,
  },
  ci: {
    json: 80_000,
    sarif: 65_000,
    list: 160_000,
    workloads: 1_200,
    matrixOutputs: ['table'],
    bindings: 50_000,
  },
} as const;

/** One command of the suite: what it runs, once its input is written into `directory`. */
interface ScaleCase {
  readonly label: string;
  readonly rssCapKiB?: number;
  args(directory: string): readonly string[];
}

const LARGE = ['--max-file-size', '2Gi'];

function cases(size: (typeof SIZES)[keyof typeof SIZES]): ScaleCase[] {
  const scanReport = (format: 'json' | 'sarif', resources: number): ScaleCase => ({
    label: `scan -o ${format} --output-file, ${thousands(resources)} resources`,
    rssCapKiB: rssCapKiB(resources),
    args: (directory) => [
      'scan',
      corpusOf(directory, resources),
      ...LARGE,
      '-o',
      format,
      '--output-file',
      join(directory, `report.${format}`),
    ],
  });
  return [
    scanReport('json', size.json),
    scanReport('sarif', size.sarif),
    {
      label: `scan of one kind: List of ${thousands(size.list)} items (JSON)`,
      args: (directory) => ['scan', listOf(directory, size.list), ...LARGE],
    },
    ...size.matrixOutputs.map((output): ScaleCase => ({
      label: `netpol matrix -o ${output}, ${thousands(size.workloads)} workloads`,
      args: (directory) => [
        'netpol',
        'matrix',
        '-f',
        netpolOf(directory, size.workloads),
        ...LARGE,
        '-o',
        output,
      ],
    })),
    {
      label: `rbac who-can get secrets -n ns-7, ${thousands(size.bindings)} bindings`,
      args: (directory) => [
        'rbac',
        'who-can',
        'get',
        'secrets',
        '-n',
        'ns-7',
        '-f',
        rbacOf(directory, size.bindings),
        ...LARGE,
      ],
    },
  ];
}

/**
 * `npm run bench -- scale`: the built CLI at the sizes of large clusters, each command run to its
 * end in a process of its own (output to /dev/null or a file), with its wall time and peak RSS. A
 * command that exits other than 0 or 1, dies of a signal or of V8 (out of memory), or takes more
 * than its RSS cap fails the suite, with the end of its stderr; the other commands still run.
 * KUBEWARD_BENCH_SCALE=ci runs the reduced sizes CI runs.
 */
export const bench: BenchCase = {
  name: 'scale',
  onlyWhenNamed: true,
  run() {
    ensureBuilt();
    const scale = process.env.KUBEWARD_BENCH_SCALE ?? 'full';
    if (scale !== 'ci' && scale !== 'full')
      throw new Error(`KUBEWARD_BENCH_SCALE is ci or full (the default), not ${scale}`);
    const directory = mkdtempSync(join(tmpdir(), 'kubeward-scale-'));
    const measurements: Measurement[] = [];
    const failures: string[] = [];
    const started = performance.now();
    try {
      for (const scaleCase of cases(SIZES[scale])) {
        const run = runNode([CLI, ...scaleCase.args(directory)], true);
        measurements.push({
          label: scaleCase.label,
          value: run.wallMs,
          unit: 'ms',
          peakRssKiB: run.peakRssKiB,
        });
        const failure = failureOf(scaleCase.label, run);
        if (failure !== undefined) failures.push(failure);
        else if (scaleCase.rssCapKiB !== undefined && run.peakRssKiB > scaleCase.rssCapKiB)
          failures.push(
            `${scaleCase.label} took ${mib(run.peakRssKiB)} MiB of peak RSS, over its cap of ${mib(scaleCase.rssCapKiB)} MiB`,
          );
        else if (scaleCase.rssCapKiB !== undefined)
          measurements.push({
            label: `  peak RSS within ${mib(scaleCase.rssCapKiB)} MiB`,
            value: run.peakRssKiB / scaleCase.rssCapKiB,
            unit: 'of the cap',
          });
      }
      measurements.push({
        label: 'suite (generation included)',
        value: (performance.now() - started) / 1000,
        unit: 's',
      });
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
    if (failures.length > 0)
      throw new BenchFailure(
        `${String(failures.length)} scale case(s) failed:\n  ${failures.join('\n  ')}`,
        measurements,
      );
    return Promise.resolve(measurements);
  },
};

const mib = (kib: number): string => (kib / 1024).toFixed(0);

const thousands = (count: number): string =>
  count % 1000 === 0 ? `${String(count / 1000)}k` : String(count);

/** The generated corpus of `resources` resources, written once per run. */
function corpusOf(directory: string, resources: number): string {
  const corpus = join(directory, `corpus-${String(resources)}`);
  if (!written.has(corpus)) {
    writeCorpus(corpus, resources);
    written.add(corpus);
  }
  return corpus;
}

const written = new Set<string>();

/**
 * One `kind: List` of the generated corpus's resources, as the API server answers a list
 * (`kubectl get --raw`): compact JSON, one item a line here. The items are written as they are
 * generated, so the bench never holds them all.
 */
function listOf(directory: string, items: number): string {
  const file = join(directory, `list-${String(items)}.json`);
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, '{"apiVersion":"v1","kind":"List","metadata":{"resourceVersion":""},"items":[\n');
    let first = true;
    for (let chunk = 0; chunk * 25_000 < items; chunk++) {
      const lines: string[] = [];
      for (const generated of generateCorpus(
        Math.min(25_000, items - chunk * 25_000),
        42 + chunk,
        chunk * 1_000_000,
      ))
        for (const item of loadAll(generated.text)) lines.push(JSON.stringify(item));
      writeSync(fd, `${first ? '' : ',\n'}${lines.join(',\n')}`);
      first = false;
    }
    writeSync(fd, '\n]}\n');
  } finally {
    closeSync(fd);
  }
  return file;
}

/** Namespaces and NetworkPolicies in the proportions of bench/netpol.ts (25 workloads a namespace). */
function netpolOf(directory: string, workloads: number): string {
  const file = join(directory, `netpol-${String(workloads)}.yaml`);
  const size = { workloads, namespaces: Math.ceil(workloads / 25), policies: Math.ceil(workloads * 0.4) };
  writeFileSync(file, generateNetpolCorpus(5, size));
  return file;
}

/** Roles and bindings in the proportions of bench/rbac.ts, a tenth of the bindings cluster-wide. */
function rbacOf(directory: string, bindings: number): string {
  const file = join(directory, `rbac-${String(bindings)}.yaml`);
  const size = {
    clusterRoles: 1_000,
    roles: 4_000,
    clusterRoleBindings: bindings / 10,
    roleBindings: bindings - bindings / 10,
  };
  writeFileSync(file, generateRbacCorpus(6, size));
  return file;
}
