import { gzipSync } from 'node:zlib';
import { SEVERITIES } from '../../model/severity.ts';
import { THEMES } from '../../model/theme.ts';
import type { ReportDocument } from '../../report/report-document.ts';
import { checkDocsPage, DOCS_BASE_URL } from '../sarif-rule.ts';
import { escapeControls } from '../../model/terminal-text.ts';
import { h } from './escape.ts';

/** A finding's status in the page: it counts, it is suppressed, or a `--baseline` holds it (not new). */
const STATUS = { counts: 0, suppressed: 1, baseline: 2 } as const;

/**
 * The findings as the page's script reads them: checks and objects once each, findings as rows of
 * indexes and values (`[check, severity, object, line, column, message, status, field]`, fields listed once; text
 * from input with its control characters made visible, as everywhere), gzipped and in
 * base64, so that a report of 50,000 findings stays a few megabytes.
 */
export function findingsData(document: ReportDocument): string {
  const checkIndex = new Map<string, number>();
  const checks: [string, string, string, string][] = [];
  const objectIndex = new Map<string, number>();
  const objects: [string, string, string, string][] = [];
  const fieldIndex = new Map<string, number>();
  const fields: string[] = [];
  const fieldOf = (field: string): number => {
    let index = fieldIndex.get(field);
    if (index === undefined) {
      fieldIndex.set(field, (index = fields.length));
      fields.push(escapeControls(field));
    }
    return index;
  };
  const rows = document.findings.map((finding) => {
    let check = checkIndex.get(finding.check);
    if (check === undefined) {
      const rule = document.rules[finding.check];
      checkIndex.set(finding.check, (check = checks.length));
      checks.push([
        escapeControls(finding.check),
        escapeControls(rule?.title ?? finding.check),
        escapeControls(rule?.remediation ?? ''),
        new URL(checkDocsPage(finding.check), DOCS_BASE_URL).href,
      ]);
    }
    const file = finding.location?.file ?? '';
    const key = `${finding.object.kind}\u0000${finding.object.namespace}\u0000${finding.object.name}\u0000${file}`;
    let object = objectIndex.get(key);
    if (object === undefined) {
      objectIndex.set(key, (object = objects.length));
      objects.push([
        escapeControls(finding.object.kind),
        escapeControls(finding.object.namespace),
        escapeControls(finding.object.name),
        escapeControls(file),
      ]);
    }
    const status =
      finding.suppressed === null
        ? STATUS.counts
        : finding.suppressed.by === 'baseline'
          ? STATUS.baseline
          : STATUS.suppressed;
    return [
      check,
      SEVERITIES.indexOf(finding.severity),
      object,
      finding.location?.line ?? 0,
      finding.location?.column ?? 0,
      escapeControls(finding.message),
      status,
      fieldOf(finding.field),
    ];
  });
  const themes = document.findings.map((finding) => THEMES.findIndex(({ id }) => id === finding.theme));
  return gzipSync(JSON.stringify({ checks, objects, fields, rows, themes })).toString('base64');
}

/** Whether the report was made against a baseline: some finding is marked as held by it. */
export function hasBaseline(document: ReportDocument): boolean {
  return document.summary.inBaseline > 0;
}

/** The filter controls: severities, theme, check, namespace, status (against a baseline), and sort order. */
export function findingsControls(document: ReportDocument): string {
  const count = (pick: (f: ReportDocument['findings'][number]) => boolean): number =>
    document.findings.filter(pick).length;
  const severities = SEVERITIES.map(
    (severity) =>
      `<label><input type="checkbox" name="severity" value="${severity}" checked> <span class="sev ${severity}">${severity}</span> (${String(count((f) => f.severity === severity))})</label>`,
  ).join(' ');
  const options = (values: Iterable<string>): string =>
    [...values]
      .map(
        (value) =>
          `<option value="${h(value === '' ? '-' : value)}">${h(value === '' ? '(cluster-scoped)' : value)}</option>`,
      )
      .join('');
  const checks = [...new Set(document.findings.map((f) => f.check))].sort();
  const namespaces = [...new Set(document.findings.map((f) => f.object.namespace))].sort();
  const themes = THEMES.filter(({ id }) => document.findings.some((f) => f.theme === id));
  const status = hasBaseline(document)
    ? `<label>Status <select name="status"><option value="">all</option><option value="new">new</option><option value="baseline">in baseline</option></select></label>`
    : '';
  return `<form id="filters" class="filters" onsubmit="return false">
<fieldset><legend>Severity</legend>${severities}</fieldset>
<fieldset><legend>Narrow</legend>
<label>Theme <select name="theme"><option value="">all</option>${themes.map(({ id, title }) => `<option value="${id}">${h(title)}</option>`).join('')}</select></label>
<label>Check <select name="check"><option value="">all</option>${options(checks)}</select></label>
<label>Namespace <select name="namespace"><option value="">all</option>${options(namespaces)}</select></label>
${status}
<label>Sort <select name="sort"><option value="object">by object</option><option value="severity">by severity</option></select></label>
<button type="button" id="reset-filters">Reset</button>
</fieldset>
</form>
<p><span id="visible">0</span> of ${String(document.findings.length)} findings shown${hasBaseline(document) ? '; new findings first' : ''}.</p>`;
}
