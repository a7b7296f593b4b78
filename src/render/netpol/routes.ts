import { escapeControls } from '../../model/terminal-text.ts';
import type { RouteReport, RouteRow } from '../../netpol/ingress/report.ts';
import { renderColumns } from '../columns.ts';
import { jsonText } from '../json-text.ts';

import type { RouteFormat } from './route-formats.ts';

const HEADER = ['ROUTE', 'SERVES', 'BACKEND', 'WORKLOAD', 'PORT', 'VERDICT', 'WHY'];

/** One line per destination pod group, or one for the backend when its traffic reaches no pod. */
function lines(row: RouteRow): string[][] {
  const head = [row.route, row.serves, row.backend];
  if (row.destinations.length === 0) return [[...head, '-', '-', row.verdict, row.detail]];
  return row.destinations.map((destination) => [
    ...head,
    destination.workloads.join(', '),
    destination.port === undefined ? '-' : `TCP/${destination.port}`,
    destination.allowed === undefined ? 'no traffic' : destination.allowed ? 'allowed' : 'blocked',
    destination.reason,
  ]);
}

function controllersLine(report: RouteReport): string {
  return report.controllers
    .map(
      (controller) =>
        `${controller.name}: ${controller.modelled ? 'modelled, not in the input: ' : ''}pods ${controller.pods}`,
    )
    .join('\n');
}

function markdownCell(value: string): string {
  return escapeControls(value).replaceAll('|', '\\|');
}

/**
 * The routes as a table (one line per route backend and pod group, the controllers first), a
 * markdown table, or JSON. Text from the input is escaped (see escapeControls).
 */
export function renderRoutes(
  report: RouteReport,
  format: RouteFormat,
  width = Number.POSITIVE_INFINITY,
): string {
  if (format === 'json') return jsonText(report);
  const rows = report.rows.flatMap(lines);
  if (format === 'md')
    return (
      [
        `| ${HEADER.map((cell) => cell.toLowerCase()).join(' | ')} |`,
        `|${'---|'.repeat(HEADER.length)}`,
        ...rows.map((row) => `| ${row.map(markdownCell).join(' | ')} |`),
      ].join('\n') + '\n'
    );
  if (report.rows.length === 0) return 'no Ingress, HTTPRoute or GRPCRoute in the input\n';
  const controllers = report.controllers.length > 0 ? `${escapeControls(controllersLine(report))}\n\n` : '';
  return (
    controllers +
    renderColumns([HEADER, ...rows.map((row) => row.map((cell) => escapeControls(cell)))], { width })
  );
}
