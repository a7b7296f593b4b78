import type { Finding } from '../model/finding.ts';
import { formatDiagnostic } from '../model/diagnostic.ts';
import { SEVERITIES } from '../model/severity.ts';
import { escapeControls } from '../model/terminal-text.ts';
import type { Report } from '../report/report.ts';
import { locationOf, objectName, placeIn } from '../report/location.ts';
import { xmlEscape } from './xml.ts';

/** Text and attribute values for HTML: `& < > " '` escaped, control characters and bidi overrides made visible. */
const h = (text: string): string => xmlEscape(escapeControls(text));

const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1b1f24;max-width:80rem}
h1{font-size:1.4rem;margin:0 0 .25rem} h2{font-size:1.1rem;margin:2rem 0 .5rem}
table{border-collapse:collapse;width:100%} th,td{text-align:left;padding:.3rem .6rem;border-bottom:1px solid #d8dee4;vertical-align:top}
th{background:#f6f8fa;font-weight:600} code{font:12px ui-monospace,monospace}
.sev{font-weight:600;text-transform:uppercase;font-size:12px}
.critical{color:#fff;background:#a40e26;padding:0 .3rem;border-radius:3px} .high{color:#cf222e} .medium{color:#9a6700} .low{color:#0969da} .info{color:#57606a}
.pass{color:#1a7f37;font-weight:600} .fail{color:#cf222e;font-weight:600} .skip{color:#57606a}
tr.suppressed td{color:#8c959f} .object{background:#f6f8fa;font-weight:600}
fieldset{border:1px solid #d8dee4;margin:1rem 0;padding:.4rem .8rem} label{margin-right:1rem}
`;

const SCRIPT = `
(function () {
  var boxes = document.querySelectorAll('input[data-severity]');
  function apply() {
    var shown = {};
    boxes.forEach(function (box) { shown[box.dataset.severity] = box.checked; });
    var visible = 0;
    document.querySelectorAll('tr[data-severity]').forEach(function (row) {
      row.hidden = !shown[row.dataset.severity];
      if (!row.hidden) visible++;
    });
    document.querySelectorAll('tr.object').forEach(function (head) {
      var row = head.nextElementSibling, any = false;
      while (row && !row.classList.contains('object')) { if (!row.hidden) any = true; row = row.nextElementSibling; }
      head.hidden = !any;
    });
    document.getElementById('visible').textContent = String(visible);
  }
  var wanted = /severity=([a-z,]+)/.exec(location.hash);
  if (wanted) boxes.forEach(function (box) { box.checked = wanted[1].split(',').indexOf(box.dataset.severity) >= 0; });
  boxes.forEach(function (box) { box.addEventListener('change', apply); });
  apply();
})();
`;

/**
 * `-o html`: one self-contained page (no external resources; a strict CSP) with the theme scorecard,
 * the findings grouped by object and a severity filter. The content is rendered here, so the page
 * reads fine without JavaScript; the script only filters (`#severity=critical,high` preselects).
 */
export function renderHtml(report: Report): string {
  const { summary } = report;
  const themeRows = summary.themes
    .map((theme) => {
      const status =
        theme.checks === 0
          ? '<span class="skip">not checked</span>'
          : theme.findings === 0
            ? '<span class="pass">pass</span>'
            : '<span class="fail">fail</span>';
      return `<tr><td><code>${h(theme.id)}</code></td><td>${h(theme.title)}</td><td>${theme.checks}</td><td>${theme.findings}</td><td>${status}</td></tr>`;
    })
    .join('\n');
  const groups = new Map<string, Finding[]>();
  for (const finding of report.findings)
    groups.set(objectName(finding), [...(groups.get(objectName(finding)) ?? []), finding]);
  const findingRows = [...groups]
    .map(([name, findings]) => {
      const file = findings[0] ? locationOf(findings[0])?.file : undefined;
      const head = `<tr class="object"><td colspan="4">${h(name)}${file ? ` <code>${h(file)}</code>` : ''}</td></tr>`;
      const rows = findings.map((finding) => {
        const location = locationOf(finding);
        const where = location ? h(placeIn(location)) : '';
        const note = finding.suppressed
          ? ` <em>(suppressed: ${h(finding.suppressed.reason || finding.suppressed.by)})</em>`
          : '';
        const severity = h(finding.severity);
        return `<tr data-severity="${severity}"${finding.suppressed ? ' class="suppressed"' : ''}><td><span class="sev ${severity}">${severity}</span></td><td><code>${h(finding.checkId)}</code></td><td><code>${where}</code></td><td>${h(finding.message)}${note}<br><small>${h(finding.remediation)}</small></td></tr>`;
      });
      return [head, ...rows].join('\n');
    })
    .join('\n');
  const filters = SEVERITIES.map(
    (severity) =>
      `<label><input type="checkbox" data-severity="${severity}" checked> ${severity} (${report.findings.filter((f) => f.severity === severity).length})</label>`,
  ).join('');
  const diagnostics =
    report.diagnostics.length === 0
      ? ''
      : `<h2>Input problems</h2><ul>${report.diagnostics.map((d) => `<li><code>${h(formatDiagnostic(d))}</code></li>`).join('')}</ul>`;
  const counts = SEVERITIES.filter((s) => summary.bySeverity[s] > 0)
    .map((s) => `${summary.bySeverity[s]} ${s}`)
    .join(', ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>kubeward scan report</title>
<style>${STYLE}</style>
</head>
<body>
<h1>kubeward scan report</h1>
<p id="totals">${summary.findings} findings${counts ? ` (${h(counts)})` : ''} in ${summary.objects} objects from ${summary.files} files; ${summary.suppressed} suppressed; ${summary.inputErrors} input errors. kubeward ${h(report.tool.version)}.</p>
<h2>Themes</h2>
<table id="themes"><thead><tr><th>Theme</th><th>Description</th><th>Checks</th><th>Findings</th><th>Status</th></tr></thead>
<tbody>
${themeRows}
</tbody></table>
<h2>Findings</h2>
<fieldset><legend>Show severities (<span id="visible">${report.findings.length}</span> shown)</legend>${filters}</fieldset>
<table id="findings"><thead><tr><th>Severity</th><th>Check</th><th>Line</th><th>Finding</th></tr></thead>
<tbody>
${findingRows}
</tbody></table>
${diagnostics}
<script>${SCRIPT}</script>
</body>
</html>
`;
}
