import type { Report } from '../report/report.ts';
import type { OutputFormat } from './formats.ts';
import { renderJsonChunks } from './json.ts';
import { renderJunitChunks } from './junit.ts';
import { renderSarifChunks } from './sarif.ts';
import { renderTableChunks } from './table.ts';
import { renderYamlChunks } from './yaml.ts';

/** What every renderer may need besides the report. */
export interface RenderOptions {
  readonly color: boolean;
  readonly showSuppressed: boolean;
  /** For SARIF artifact URIs. */
  readonly baseDirectory: string;
  /** Width the table wraps to (see terminalWidth); unlimited when absent. */
  readonly width?: number;
  /** The table prints the scorecard and the total only (`--summary`). */
  readonly summaryOnly?: boolean;
}

/**
 * The `-o` formats of `kubeward scan`, each a pure function of the report to its text in chunks:
 * JSON, YAML, SARIF and JUnit in many chunks of bounded size, made as they are written; the table
 * in chunks of lines; HTML in one, once its modules (elkjs among them) are loaded: only a run
 * asking for HTML loads them.
 */
export const RENDERERS = {
  table: (report: Report, options: RenderOptions) => renderTableChunks(report, options),
  json: (report: Report) => renderJsonChunks(report),
  yaml: (report: Report) => renderYamlChunks(report),
  sarif: (report: Report, options: RenderOptions) => renderSarifChunks(report, options),
  junit: (report: Report) => renderJunitChunks(report),
  html: async (report: Report) => [(await import('./html.ts')).renderHtml(report)],
} as const satisfies Record<
  OutputFormat,
  (report: Report, options: RenderOptions) => Iterable<string> | Promise<Iterable<string>>
>;
