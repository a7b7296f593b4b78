import type { NodeProcess, ProcessSelection } from '../load/node/processes.ts';
import type { ReadSource } from '../load/read.ts';
import { COMPONENTS } from './components.ts';
import { lastFlag, parseFlags } from './flags.ts';

/** The processes `audit node --processes` reads: the control-plane components and the kubelet; etcd's environment too. */
export const PROCESS_SELECTION: ProcessSelection = {
  binaries: new Set([...COMPONENTS, 'kubelet']),
  environmentOf: new Set(['etcd']),
};

/**
 * The file a kubelet process names with `--config` (kube-bench guesses the path instead; its issue
 * #1256), or undefined for another process or a kubelet without one.
 */
export function kubeletConfigPath(process: NodeProcess): string | undefined {
  if (process.binary !== 'kubelet') return undefined;
  return lastFlag(parseFlags(process.argv, 'component-base'), 'config')?.value;
}

/**
 * A control-plane component's process as a static-pod manifest, so the same checks apply to a running
 * component as to its manifest; etcd's `ETCD_*` variables become the container's env. Undefined for a
 * process that is not a component.
 */
export function staticPodOf(process: NodeProcess): ReadSource | undefined {
  const component = COMPONENTS.find((name) => name === process.binary);
  if (!component) return undefined;
  const env = process.environment
    .filter((entry) => entry.startsWith('ETCD_') && entry.includes('='))
    .map((entry) => ({
      name: entry.slice(0, entry.indexOf('=')),
      value: entry.slice(entry.indexOf('=') + 1),
    }));
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `${component}-pid-${process.pid}`, namespace: 'kube-system', labels: { component } },
    spec: {
      containers: [
        { name: component, image: component, command: process.argv, ...(env.length > 0 ? { env } : {}) },
      ],
    },
  };
  return {
    file: `${process.directory}/cmdline`,
    text: JSON.stringify(pod, null, 2),
    format: 'json',
    named: true,
  };
}
