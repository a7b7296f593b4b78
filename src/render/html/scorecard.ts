import { SEVERITIES } from '../../model/severity.ts';
import type { ReportDocument } from '../../report/report-document.ts';
import { h } from './escape.ts';

type Counts = ReportDocument['summary']['bySeverity'];

const BAR_WIDTH = 360;

/** One stacked bar: a segment per severity, widths relative to `scale` findings. */
function bar(counts: Counts, scale: number, label: string): string {
  let x = 0;
  const segments = SEVERITIES.map((severity) => {
    const width = scale === 0 ? 0 : (counts[severity] / scale) * BAR_WIDTH;
    const segment =
      counts[severity] === 0
        ? ''
        : `<rect class="fill-${severity}" x="${x.toFixed(1)}" y="0" width="${width.toFixed(1)}" height="14"><title>${String(counts[severity])} ${severity}</title></rect>`;
    x += width;
    return segment;
  }).join('');
  return `<svg class="bar" width="${BAR_WIDTH}" height="14" viewBox="0 0 ${BAR_WIDTH} 14" role="img" aria-label="${h(label)}"><rect class="track" x="0" y="0" width="${BAR_WIDTH}" height="14"/>${segments}</svg>`;
}

function countsText(counts: Counts): string {
  const parts = SEVERITIES.filter((s) => counts[s] > 0).map(
    (s) => `<span class="sev ${s}">${String(counts[s])} ${s}</span>`,
  );
  return parts.length === 0 ? '' : parts.join(' ');
}

/** The eleven themes as bars of their findings by severity, each with its status. */
export function renderScorecard(document: ReportDocument): string {
  const { themes } = document.summary;
  let scale = 0;
  for (const theme of themes) scale = Math.max(scale, theme.findings);
  const rows = themes
    .map((theme) => {
      const status = theme.checks === 0 ? 'not checked' : theme.findings === 0 ? 'pass' : 'fail';
      return `<tr class="theme" data-theme="${h(theme.id)}"><th scope="row"><a href="#theme=${h(theme.id)}" class="theme-link" data-theme="${h(theme.id)}">${h(theme.title)}</a></th><td><span class="status ${status.replace(' ', '-')}">${status}</span></td><td class="num">${String(theme.checks)}</td><td>${bar(theme.bySeverity, scale, `${theme.title}: ${String(theme.findings)} findings`)}</td><td class="num">${String(theme.findings)}</td><td>${countsText(theme.bySeverity)}</td></tr>`;
    })
    .join('\n');
  return `<table id="themes"><thead><tr><th>Theme</th><th>Status</th><th class="num">Checks</th><th>Findings by severity</th><th class="num">Findings</th><th></th></tr></thead><tbody>
${rows}
</tbody></table>`;
}

/** The framework's controls (`--framework`), with their status and findings. */
export function renderFramework(document: ReportDocument): string {
  const framework = document.framework;
  if (framework === undefined) return '';
  let scale = 0;
  for (const control of framework.controls) scale = Math.max(scale, control.findings);
  const statuses = new Map<string, number>();
  for (const control of framework.controls)
    statuses.set(control.status, (statuses.get(control.status) ?? 0) + 1);
  const rows = framework.controls
    .map(
      (control) =>
        `<tr><td><code>${h(control.id)}</code></td><td>${h(control.title)}${control.group === undefined ? '' : ` <small>(${h(control.group)})</small>`}</td><td><span class="status ${h(control.status.replace(' ', '-'))}">${h(control.status)}</span></td><td>${bar(control.bySeverity, scale, `${control.title}: ${String(control.findings)} findings`)}</td><td class="num">${String(control.findings)}</td></tr>`,
    )
    .join('\n');
  const totals = [...statuses].map(([status, n]) => `${String(n)} ${h(status)}`).join(', ');
  return `<section id="framework"><h2>${h(framework.title)}</h2><p>${String(framework.controls.length)} controls: ${totals}. Source: ${h(framework.source)}</p><table><thead><tr><th>Control</th><th>Title</th><th>Status</th><th>Findings by severity</th><th class="num">Findings</th></tr></thead><tbody>
${rows}
</tbody></table></section>`;
}
