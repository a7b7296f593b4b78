import type { Labels } from '../../model/label-selector.ts';
import type { Resource } from '../../model/resource.ts';
import type { Workload } from '../../model/workload.ts';

/** The file of a pod the input does not hold but a question needs (an ingress controller's). */
export const MODELLED_FILE = '(modelled)';

/**
 * A pod that is not in the input, as a workload: `name` (`{ingress-controller}`) in `namespace`
 * with `labels` and no container ports. Its positions are all 1:1 of {@link MODELLED_FILE}.
 */
export function modelledWorkload(name: string, namespace: string, labels: Labels): Workload {
  const podSpec = { containers: [] };
  const metadata = { name, namespace, labels };
  const resource: Resource = {
    apiVersion: 'v1',
    kind: 'Pod',
    name,
    namespace,
    role: 'object',
    object: { apiVersion: 'v1', kind: 'Pod', metadata, spec: podSpec },
    origin: {
      file: MODELLED_FILE,
      document: 0,
      itemPath: [],
      locate: () => ({ line: 1, column: 1, endLine: 1, endColumn: 1 }),
    },
  };
  return {
    resource,
    namespace,
    podSpec,
    specPath: ['spec'],
    podMetadata: metadata,
    metadataPath: ['metadata'],
  };
}

/** Whether a workload is a modelled pod (see {@link modelledWorkload}): it is named by its name alone. */
export function isModelled(workload: Workload): boolean {
  return workload.resource.origin.file === MODELLED_FILE;
}
