import type { Report } from '../report/report.ts';
import type { OutputFormat } from './formats.ts';
import { renderHtml } from './html.ts';
import { renderJson } from './json.ts';
import { renderJunit } from './junit.ts';
import { renderSarif } from './sarif.ts';
import { renderTable } from './table.ts';
import { renderYaml } from './yaml.ts';

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

/** The `-o` formats of `kubeward scan`, each a pure function of the report. */
export const RENDERERS = {
  table: (report: Report, options: RenderOptions) => renderTable(report, options),
  json: (report: Report) => renderJson(report),
  yaml: (report: Report) => renderYaml(report),
  sarif: (report: Report, options: RenderOptions) => renderSarif(report, options),
  junit: (report: Report) => renderJunit(report),
  html: (report: Report) => renderHtml(report),
} as const satisfies Record<OutputFormat, (report: Report, options: RenderOptions) => string>;
