import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../model/diagnostic.ts';
import { findExecutable } from './executable.ts';
import { runTool } from './run-tool.ts';

/** The file that makes a directory a Helm chart. */
export const CHART_FILE = 'Chart.yaml';

/** Whether a directory is a Helm chart (holds a `Chart.yaml`). */
export function isChart(directory: string): boolean {
  try {
    return statSync(join(directory, CHART_FILE)).isFile();
  } catch {
    return false;
  }
}

/** How charts are rendered: `helm template`'s flags kubeward passes on. */
export interface HelmOptions {
  /** `--values FILE`, in order (later ones win, as in helm). */
  readonly values: readonly string[];
  /** `--set key=value`, in order. */
  readonly set: readonly string[];
  /** The release name (helm's default, `release-name`, when absent). */
  readonly release?: string;
  /** The release namespace (`.Release.Namespace`). */
  readonly namespace?: string;
}

/** The arguments of `helm template` for `chart`. */
export function helmTemplateArgs(chart: string, options: HelmOptions): string[] {
  return [
    'template',
    ...(options.release === undefined ? [] : [options.release]),
    chart,
    ...(options.namespace === undefined ? [] : ['--namespace', options.namespace]),
    ...options.values.flatMap((file) => ['--values', file]),
    ...options.set.flatMap((value) => ['--set', value]),
  ];
}

/** A chart's `helm template` output. */
export interface HelmRender {
  /** The chart directory as the user gave it. */
  readonly chart: string;
  readonly text: string;
}

/**
 * Renders the chart in `chart` with `helm template` (found on PATH unless `helm` is given). Without
 * helm, or when it fails, an error diagnostic naming the chart says what to do: the command to render
 * and pipe, or helm's own message.
 */
export async function renderChart(
  chart: string,
  options: HelmOptions & { readonly maxBytes: number; readonly helm?: string | undefined },
): Promise<HelmRender | Diagnostic> {
  const helm = 'helm' in options ? options.helm : findExecutable('helm');
  const args = helmTemplateArgs(chart, options);
  if (helm === undefined)
    return error(
      chart,
      `a Helm chart, and helm is not on PATH to render it: render it and read the output instead: ` +
        `helm ${args.map(quoted).join(' ')} > rendered.yaml`,
    );
  const result = await runTool(helm, args, { maxBytes: options.maxBytes });
  return result.ok ? { chart, text: result.stdout } : error(chart, `helm template failed: ${result.reason}`);
}

/** A shell word: left as it is when safe, else in single quotes. */
function quoted(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

function error(file: string, message: string): Diagnostic {
  return { level: 'error', file, line: 0, column: 0, message };
}
