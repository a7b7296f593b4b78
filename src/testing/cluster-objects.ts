import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAll } from '../load/js-yaml.ts';
import { ROOT } from './scan-examples.ts';

/** The path of the recorded cluster: testdata/cluster/objects.yaml. */
export const CLUSTER_OBJECTS = join(ROOT, 'testdata', 'cluster', 'objects.yaml');

/** The recorded objects of testdata/cluster, as the test API server serves them. */
export function clusterObjects(): Record<string, unknown>[] {
  return loadAll(readFileSync(CLUSTER_OBJECTS, 'utf8')) as Record<string, unknown>[];
}
