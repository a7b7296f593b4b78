import pc from 'picocolors';
import type { Finding } from '../model/finding.ts';
import type { Severity } from '../model/severity.ts';
import { SEVERITIES } from '../model/severity.ts';
import { formatDiagnostic } from '../model/diagnostic.ts';
import { escapeControls } from '../model/terminal-text.ts';
import type { Report } from '../report/report.ts';
import { locationOf, objectName, placeIn } from '../report/location.ts';
import { cellWidthOf, measuredLayout, renderColumns } from './columns.ts';
import { renderFrameworkTable } from './framework-table.ts';

/** Options for the human-readable table. */
export interface TableOptions {
  readonly color: boolean;
  /** List suppressed findings too (marked), instead of counting them only. */
  readonly showSuppressed: boolean;
  /** Width the tables wrap to (see terminalWidth); unlimited when absent. */
  readonly width?: number;
  /** Print the scorecard and the total line only, no findings (`--summary`). */
  readonly summaryOnly?: boolean;
}

/**
 * `-o table`: findings grouped by object (in the report's order), then the per-theme scorecard and
 * a one-line total; with `summaryOnly`, the scorecard and the total alone. Input diagnostics go to stderr, not here. Names, file names and messages come
 * from input: their control characters are escaped before they are coloured.
 */
export function renderTable(report: Report, options: TableOptions): string {
  return [...renderTableChunks(report, options)].join('');
}

/** Lines of the table per chunk: a large report is written a piece at a time, never as one string. */
const LINES_PER_CHUNK = 1024;

/** {@link renderTable} in chunks of `linesPerChunk` lines, each ending with a newline. */
export function* renderTableChunks(
  report: Report,
  options: TableOptions,
  linesPerChunk = LINES_PER_CHUNK,
): Generator<string> {
  let chunk = '';
  let count = 0;
  for (const line of tableLines(report, options)) {
    chunk += `${line}\n`;
    if (++count === linesPerChunk) {
      yield chunk;
      chunk = '';
      count = 0;
    }
  }
  if (count > 0) yield chunk;
}

function* tableLines(report: Report, options: TableOptions): Generator<string> {
  const colors = pc.createColors(options.color);
  if (options.summaryOnly) {
    yield* scorecardLines(report, options, colors);
    return;
  }
  const paint: Readonly<Record<Severity, (text: string) => string>> = {
    critical: (text) => colors.bold(colors.red(text)),
    high: colors.red,
    medium: colors.yellow,
    low: colors.cyan,
    info: colors.dim,
  };
  const labels = new Map(
    SEVERITIES.map((severity) => [severity, `  ${paint[severity](severity.toUpperCase())}`]),
  );
  const suppressedLabel = `  ${colors.dim('SUPPRESSED')}`;

  const groups = objectGroups(report.findings, options.showSuppressed);
  const measureLast = (options.width ?? Number.POSITIVE_INFINITY) !== Number.POSITIVE_INFINITY;
  const labelOf = (finding: Finding): string =>
    finding.suppressed ? suppressedLabel : (labels.get(finding.severity) ?? '');
  const messageOf = (finding: Finding, note: string): string =>
    finding.suppressed
      ? colors.dim(
          escapeControls(
            `${finding.message} (${finding.suppressed.reason || `by ${finding.suppressed.by}`})`,
          ),
        )
      : escapeControls(finding.message) + (note === '' ? '' : colors.dim(` (${escapeControls(note)})`));

  // Located and measured first (the columns' widths), then made again a row at a time as written.
  const places: string[] = [];
  const notes = new Map<number, string>();
  const natural = [0, 0, 0, 0];
  const labelWidths = new Map<string, number>();
  const checkWidths = new Map<string, number>();
  const widest = (column: number, width: number): void => {
    if (width > (natural[column] ?? 0)) natural[column] = width;
  };
  for (const findings of groups) {
    for (const finding of findings) {
      const location = locationOf(finding);
      const place = location ? placeIn(location) : '-';
      const note =
        location?.note !== undefined && location.note !== finding.resource?.origin.note ? location.note : '';
      if (note !== '') notes.set(places.length, note);
      places.push(place);
      widest(0, measured(labelWidths, labelOf(finding)));
      widest(1, measured(checkWidths, finding.checkId));
      widest(2, cellWidthOf(place));
      if (measureLast) widest(3, cellWidthOf(messageOf(finding, note)));
    }
  }
  const layOut = measuredLayout(groups.length === 0 ? [] : natural, { width: options.width });
  let row = 0;
  for (const findings of groups) {
    yield headerOf(findings[0], colors);
    for (const finding of findings) {
      const message = messageOf(finding, notes.get(row) ?? '');
      yield* layOut([labelOf(finding), finding.checkId, places[row++] ?? '', message]);
    }
    yield '';
  }
  if (groups.length === 0)
    yield* [report.summary.hidden > 0 ? 'No findings at or above --min-severity.' : 'No findings.', ''];
  yield* scorecardLines(report, options, colors);
}

/**
 * The findings to list, a group per object: the report lists an object's findings together
 * (buildReport), so a group ends where the object's name changes.
 */
function objectGroups(findings: readonly Finding[], showSuppressed: boolean): Finding[][] {
  const groups: Finding[][] = [];
  let last: Finding | undefined;
  let name = '';
  let group: Finding[] = [];
  for (const finding of findings) {
    if (finding.suppressed && !showSuppressed) continue;
    if (finding.object !== last?.object) {
      const next = objectName(finding);
      if (last === undefined || next !== name) groups.push((group = []));
      name = next;
    }
    group.push(finding);
    last = finding;
  }
  return groups;
}

/** A cell's width, measured once per distinct text (a severity label, a check id). */
function measured(widths: Map<string, number>, text: string): number {
  let width = widths.get(text);
  if (width === undefined) widths.set(text, (width = cellWidthOf(text)));
  return width;
}

/** The line naming an object, and the file of its first finding (where findings about it are located). */
function headerOf(first: Finding | undefined, colors: ReturnType<typeof pc.createColors>): string {
  if (!first) return '';
  const origin = first.resource?.origin;
  const file = origin ? `  ${origin.file}${origin.note === undefined ? '' : ` (${origin.note})`}` : '';
  return (
    colors.bold(escapeControls(objectName(first))) + (file === '' ? '' : colors.dim(escapeControls(file)))
  );
}

/** The per-theme scorecard and the total line. */
function scorecardLines(
  report: Report,
  options: TableOptions,
  colors: ReturnType<typeof pc.createColors>,
): string[] {
  const lines: string[] = [];
  const { summary } = report;
  const severityHeads = SEVERITIES.filter((severity) => severity !== 'info').map((severity) =>
    severity.toUpperCase(),
  );
  const themeRows = [
    ['THEME', 'CHECKS', 'FINDINGS', ...severityHeads, 'STATUS', 'DESCRIPTION'],
    ...summary.themes.map((theme) => [
      theme.id,
      String(theme.checks),
      String(theme.findings),
      ...SEVERITIES.filter((severity) => severity !== 'info').map((severity) =>
        String(theme.bySeverity[severity]),
      ),
      theme.checks === 0
        ? colors.dim('not checked')
        : theme.findings === 0
          ? colors.green('pass')
          : colors.red('fail'),
      colors.dim(theme.title),
    ]),
  ];
  lines.push(renderColumns(themeRows, { width: options.width }));
  if (report.framework) lines.push(renderFrameworkTable(report.framework, colors, options.width));

  const counts = SEVERITIES.filter((severity) => summary.bySeverity[severity] > 0)
    .map((severity) => `${summary.bySeverity[severity]} ${severity}`)
    .join(', ');
  const total = `${summary.findings} finding${summary.findings === 1 ? '' : 's'}${counts ? ` (${counts})` : ''}`;
  const objects = `in ${summary.objects} object${summary.objects === 1 ? '' : 's'}`;
  // Objects from no file were read from a live cluster.
  const scope =
    summary.files === 0 && summary.objects > 0
      ? `${objects} read from the cluster`
      : `${objects} from ${summary.files} file${summary.files === 1 ? '' : 's'}`;
  const extra = [
    summary.suppressed > 0
      ? `${summary.suppressed} suppressed${summary.inBaseline > 0 ? ` (${summary.inBaseline} in baseline)` : ''}`
      : '',
    summary.hidden > 0 ? `${summary.hidden} below --min-severity not listed` : '',
    summary.inputErrors > 0
      ? `${summary.inputErrors} input error${summary.inputErrors === 1 ? '' : 's'}`
      : '',
  ].filter(Boolean);
  lines.push([`${total} ${scope}`, ...extra].join('; '));
  return lines;
}

/** Diagnostics as `file:line:col: level: message` lines for stderr. */
export function renderDiagnostics(report: Report): string {
  return report.diagnostics.map((diagnostic) => `${formatDiagnostic(diagnostic)}\n`).join('');
}
