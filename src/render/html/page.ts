import { formatDiagnostic } from '../../model/diagnostic.ts';
import { SEVERITIES } from '../../model/severity.ts';
import { THEMES } from '../../model/theme.ts';
import type { ReportDocument } from '../../report/report-document.ts';
import { layoutAttackPaths, renderAttackPaths } from './attack.ts';
import { h, scriptJson } from './escape.ts';
import { findingsControls, findingsData, hasBaseline } from './findings.ts';
import type { GraphLayout } from './layout.ts';
import type { NetworkDrawing } from './network.ts';
import { layoutNetwork, renderNetwork } from './network.ts';
import { renderFramework, renderScorecard } from './scorecard.ts';
import { SCRIPT } from './script.ts';
import { STYLE } from './style.ts';

/** The graphs of a report, laid out. */
export interface PageDrawings {
  readonly network?: NetworkDrawing;
  readonly attackPaths?: GraphLayout;
}

/** Lays out the report's graphs (none when the report holds none). Pure; asynchronous as elkjs is. */
export async function layoutPage(document: ReportDocument): Promise<PageDrawings> {
  const graphs = document.graphs;
  if (graphs === undefined) return {};
  return {
    network: await layoutNetwork(graphs.network),
    attackPaths: await layoutAttackPaths(graphs.attackPaths),
  };
}

function diffSummary(document: ReportDocument): string {
  if (!hasBaseline(document)) return '';
  const fresh = document.findings.filter((f) => f.suppressed === null);
  const bySeverity = SEVERITIES.map((s) => [s, fresh.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `<span class="sev ${s}">${String(n)} ${s}</span>`)
    .join(' ');
  return `<section id="diff"><h2>Against the baseline</h2><p><strong id="new-count">${String(fresh.length)}</strong> new findings ${bySeverity}; ${String(document.summary.inBaseline)} were in the baseline (listed after the new ones, greyed). <a href="#status=new">Show only the new ones</a>.</p></section>`;
}

/**
 * The HTML report: one self-contained page (no external resource; a strict Content Security Policy)
 * of a JSON report document: the scorecard (and framework), the network and attack-path graphs as
 * inline SVG, the findings with filters kept in the URL, the diff against a baseline. Pure.
 */
export function renderHtmlPage(document: ReportDocument, drawings: PageDrawings = {}): string {
  const { summary } = document;
  const counts = SEVERITIES.filter((s) => summary.bySeverity[s] > 0)
    .map((s) => `${String(summary.bySeverity[s])} ${s}`)
    .join(', ');
  const diagnostics =
    document.diagnostics.length === 0
      ? ''
      : `<section id="input-problems"><h2>Input problems</h2><ul>${document.diagnostics.map((d) => `<li><code>${h(formatDiagnostic(d))}</code></li>`).join('')}</ul></section>`;
  const graphs = document.graphs;
  const sections = [
    ['scorecard', 'Scorecard'],
    ...(document.framework === undefined ? [] : [['framework', document.framework.title]]),
    ...(graphs === undefined
      ? []
      : [
          ['network', 'Network'],
          ['attack-paths', 'Attack paths'],
        ]),
    ...(hasBaseline(document) ? [['diff', 'Diff']] : []),
    ['findings-section', 'Findings'],
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>kubeward scan report</title>
<style>${STYLE}</style>
</head>
<body data-baseline="${hasBaseline(document) ? '1' : '0'}">
<header>
<h1>kubeward scan report</h1>
<p id="totals">${String(summary.findings)} findings${counts ? ` (${h(counts)})` : ''} in ${String(summary.objects)} objects from ${String(summary.files)} files; ${String(summary.suppressed)} suppressed; ${String(summary.inputErrors)} input errors. kubeward ${h(document.tool.version)}.</p>
<nav>${sections.map(([id, title]) => `<a href="#${h(id ?? '')}">${h(title ?? '')}</a>`).join('')}</nav>
</header>
<main>
<section id="scorecard"><h2>Scorecard</h2>${renderScorecard(document)}</section>
${renderFramework(document)}
${graphs === undefined ? `<section id="network"><h2>Network and attack paths</h2>${renderNetwork(undefined, undefined)}</section>` : `<section id="network"><h2>Network</h2>${renderNetwork(graphs.network, drawings.network)}</section>`}
${graphs === undefined ? '' : `<section id="attack-paths"><h2>Attack paths</h2>${renderAttackPaths(graphs.attackPaths, drawings.attackPaths)}</section>`}
${diffSummary(document)}
<section id="findings-section"><h2>Findings</h2>
${findingsControls(document)}
<table id="findings"><thead><tr><th>Severity</th><th>Check</th><th>Object</th><th>Where</th><th>Finding</th></tr></thead>
<tbody></tbody></table>
<button type="button" id="more" hidden>Show more</button>
<noscript><p>The findings list needs JavaScript; the JSON report (kubeward scan -o json) holds them too.</p></noscript>
</section>
${diagnostics}
</main>
<script type="application/json" id="theme-ids">${scriptJson(THEMES.map(({ id }) => id))}</script>
<script type="application/octet-stream" id="findings-data">${findingsData(document)}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

/** The HTML report of a JSON report document, its graphs laid out. */
export async function htmlReport(document: ReportDocument): Promise<string> {
  return renderHtmlPage(document, await layoutPage(document));
}
