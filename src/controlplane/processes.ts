import { readFileSync, readdirSync } from 'node:fs';
import { basename, isAbsolute, join } from 'node:path';
import type { ReadSource } from '../load/read.ts';
import type { Diagnostic } from '../model/diagnostic.ts';
import { COMPONENTS } from './components.ts';
import { lastFlag, parseFlags } from './flags.ts';

/** What `--processes` found: one synthetic static-pod source per component process, plus the kubelet config files. */
export interface ProcessSources {
  readonly sources: readonly ReadSource[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Reads the command lines of running control-plane components from `/proc/<pid>/cmdline` (as
 * kube-bench does with ps, but exact: NUL-separated argv, no substring matching) and turns each into
 * a static-pod manifest so the same checks apply. etcd's `ETCD_*` variables come from
 * `/proc/<pid>/environ` when readable (root). For a kubelet, the file named by its `--config` flag is
 * read (kube-bench guesses the path instead; its issue #1256). `procRoot` is `/proc`, or the host's
 * /proc mounted into a container.
 */
export function readProcesses(procRoot: string): ProcessSources {
  const sources: ReadSource[] = [];
  const diagnostics: Diagnostic[] = [];
  let entries: string[];
  try {
    entries = readdirSync(procRoot).filter((entry) => /^\d+$/.test(entry));
  } catch (error) {
    return {
      sources,
      diagnostics: [
        {
          level: 'error',
          file: procRoot,
          line: 0,
          column: 0,
          message: `cannot list processes: ${messageOf(error)}`,
        },
      ],
    };
  }
  for (const pid of entries.sort((a, b) => Number(a) - Number(b))) {
    let argv: string[];
    try {
      argv = readFileSync(join(procRoot, pid, 'cmdline'), 'utf8')
        .split('\0')
        .filter((arg) => arg !== '');
    } catch {
      continue;
    }
    const binary = basename(argv[0] ?? '');
    const file = join(procRoot, pid, 'cmdline');
    if (binary === 'kubelet') {
      const config = lastFlag(parseFlags(argv), 'config');
      if (!config) continue;
      const path = isAbsolute(config.value) ? config.value : join(procRoot, pid, 'cwd', config.value);
      try {
        sources.push({ file: path, text: readFileSync(path, 'utf8'), format: 'yaml', named: true });
      } catch (error) {
        diagnostics.push({
          level: 'warning',
          file: path,
          line: 0,
          column: 0,
          message: `kubelet --config file cannot be read: ${messageOf(error)}`,
        });
      }
      continue;
    }
    const component = COMPONENTS.find((name) => name === binary);
    if (!component) continue;
    const env = component === 'etcd' ? etcdEnvironment(join(procRoot, pid, 'environ')) : [];
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `${component}-pid-${pid}`, namespace: 'kube-system', labels: { component } },
      spec: {
        containers: [
          { name: component, image: component, command: argv, ...(env.length > 0 ? { env } : {}) },
        ],
      },
    };
    sources.push({ file, text: JSON.stringify(pod, null, 2), format: 'json', named: true });
  }
  return { sources, diagnostics };
}

function etcdEnvironment(file: string): { name: string; value: string }[] {
  try {
    return readFileSync(file, 'utf8')
      .split('\0')
      .filter((entry) => entry.startsWith('ETCD_') && entry.includes('='))
      .map((entry) => ({
        name: entry.slice(0, entry.indexOf('=')),
        value: entry.slice(entry.indexOf('=') + 1),
      }));
  } catch {
    return [];
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
