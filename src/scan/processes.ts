import type { Loaded } from '../load/load.ts';
import { loadSources } from '../load/load.ts';
import { readProcessFile, readProcesses } from '../load/node/processes.ts';
import type { ReadSource } from '../load/read.ts';
import type { Diagnostic } from '../model/diagnostic.ts';
import { PROCESS_SELECTION, kubeletConfigPath, staticPodOf } from '../controlplane/process-pods.ts';

/**
 * Loads what the running components of a node say about their configuration (`audit node
 * --processes`): each control-plane component's command line as a static pod, and each kubelet's
 * `--config` file. `procRoot` is `/proc`, or the host's /proc mounted into a container; every file
 * read is held to `maxFileSize` bytes (default: the loader's) and must be a regular file.
 */
export function loadProcesses(procRoot: string, maxFileSize?: number): Loaded {
  const found = readProcesses(procRoot, {
    ...PROCESS_SELECTION,
    ...(maxFileSize === undefined ? {} : { maxFileSize }),
  });
  const sources: ReadSource[] = [];
  const diagnostics: Diagnostic[] = [...found.diagnostics];
  for (const process of found.processes) {
    const pod = staticPodOf(process);
    if (pod) sources.push(pod);
    const config = kubeletConfigPath(process);
    if (config === undefined) continue;
    const read = readProcessFile(process, config, 'kubelet --config file', maxFileSize);
    if ('source' in read) sources.push(read.source);
    else diagnostics.push(read.diagnostic);
  }
  const loaded = loadSources(sources);
  return { ...loaded, diagnostics: [...diagnostics, ...loaded.diagnostics] };
}
