import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dump, loadAll } from '../src/load/js-yaml.ts';
import { startApiServer } from '../src/testing/api-server.ts';
import type { BenchCase, Measurement } from './case.ts';
import { generateCorpus } from './generate.ts';

const ROOT = join(import.meta.dirname, '..');
const OBJECTS = Number(process.env.KUBEWARD_BENCH_CLUSTER_OBJECTS ?? 5000);
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'PersistentVolume',
  'StorageClass',
]);

/** Wall seconds and peak resident memory (KiB) of one CLI run, from GNU time. */
function timedCli(
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<{ seconds: number; kib: number; stdout: string }> {
  const report = join(tmpdir(), `kubeward-bench-time-${String(process.pid)}`);
  return new Promise((resolve, reject) => {
    execFile(
      '/usr/bin/time',
      [
        '-f',
        '%e %M',
        '-o',
        report,
        process.execPath,
        '--import',
        'tsx',
        join(ROOT, 'src', 'cli', 'main.ts'),
        ...args,
      ],
      { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 256 * 1024 * 1024 },
      (error, stdout) => {
        if (error && typeof error.code !== 'number') {
          reject(new Error(error.message));
          return;
        }
        const [seconds = '0', kib = '0'] = readFileSync(report, 'utf8').trim().split(' ');
        rmSync(report, { force: true });
        resolve({ seconds: Number(seconds), kib: Number(kib), stdout });
      },
    );
  });
}

/**
 * A live scan of KUBEWARD_BENCH_CLUSTER_OBJECTS objects (default 5,000, the generated corpus) served
 * by the test API server, against a scan of the same objects from files, in the same run: wall time,
 * peak memory, HTTP requests, and whether both found the same. Secrets carry no values on either
 * side, as a live scan never reads them.
 */
export const bench: BenchCase = {
  name: 'cluster',
  async run() {
    const objects = generateCorpus(OBJECTS).flatMap(
      (file) => loadAll(file.text) as Record<string, unknown>[],
    );
    for (const object of objects) {
      const metadata = (object.metadata ?? {}) as Record<string, unknown>;
      if (!CLUSTER_SCOPED.has(String(object.kind)) && metadata.namespace === undefined)
        metadata.namespace = 'default';
      if (object.kind === 'Secret') {
        delete object.data;
        delete object.stringData;
      }
    }
    const directory = mkdtempSync(join(tmpdir(), 'kubeward-bench-cluster-'));
    writeFileSync(
      join(directory, 'objects.yaml'),
      objects.map((object) => dump(object, { lineWidth: -1 })).join('---\n'),
    );
    const server = await startApiServer({ objects });
    try {
      const json = ['-o', 'json', '--fail-on', 'none'];
      const files = await timedCli(['scan', directory, ...json]);
      const before = server.requests.length;
      const live = await timedCli(['scan', '--kubeconfig', server.kubeconfig, '-A', ...json]);
      const requests = server.requests.length - before;
      const keys = (stdout: string): string[] =>
        (
          JSON.parse(stdout) as {
            findings: { check: string; object: unknown; field: string; message: string }[];
          }
        ).findings.map(({ check, object, field, message }) =>
          JSON.stringify([check, object, field, message]),
        );
      const fromFiles = keys(files.stdout);
      const fromLive = keys(live.stdout);
      const onOneSide = (one: string[], other: string[]): number => {
        const counted = new Map<string, number>();
        for (const key of other) counted.set(key, (counted.get(key) ?? 0) + 1);
        return one.filter((key) => {
          const left = counted.get(key) ?? 0;
          counted.set(key, left - 1);
          return left <= 0;
        }).length;
      };
      const measurements: Measurement[] = [
        { label: 'objects', value: objects.length, unit: '' },
        { label: 'files: wall time', value: files.seconds, unit: 's' },
        { label: 'files: peak memory', value: files.kib / 1024, unit: 'MiB' },
        { label: 'files: findings', value: fromFiles.length, unit: '' },
        { label: 'live: wall time', value: live.seconds, unit: 's' },
        { label: 'live: peak memory', value: live.kib / 1024, unit: 'MiB' },
        { label: 'live: requests', value: requests, unit: '' },
        { label: 'live: findings', value: fromLive.length, unit: '' },
        {
          label: 'findings on one side only',
          value: onOneSide(fromFiles, fromLive) + onOneSide(fromLive, fromFiles),
          unit: '',
        },
      ];
      return measurements;
    } finally {
      await server.stop();
      rmSync(directory, { recursive: true, force: true });
    }
  },
};
