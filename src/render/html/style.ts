/** The page's stylesheet: light and dark (prefers-color-scheme), visible focus, and a print layout. */
export const STYLE = `
:root{color-scheme:light dark;--fg:#1b1f24;--muted:#57606a;--bg:#fff;--panel:#f6f8fa;--line:#d8dee4;--accent:#0969da;
--critical:#a40e26;--high:#cf222e;--medium:#9a6700;--low:#0969da;--info:#6e7781;--ok:#1a7f37;--node:#fff;--edge:#8c959f;--focus:#bf8700}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9198a1;--bg:#0d1117;--panel:#161b22;--line:#30363d;--accent:#4493f8;
--critical:#ff7b72;--high:#f85149;--medium:#d29922;--low:#58a6ff;--info:#8b949e;--ok:#3fb950;--node:#161b22;--edge:#6e7681;--focus:#e3b341}}
body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:var(--fg);background:var(--bg);max-width:90rem}
h1{font-size:1.4rem;margin:0 0 .25rem} h2{font-size:1.15rem;margin:2rem 0 .5rem} h3{font-size:1rem}
a{color:var(--accent)} nav a{margin-right:1rem}
table{border-collapse:collapse;width:100%} th,td{text-align:left;padding:.3rem .6rem;border-bottom:1px solid var(--line);vertical-align:top}
thead th{background:var(--panel);font-weight:600} .num{text-align:right} code,pre{font:12px ui-monospace,monospace}
.sev{font-weight:600;text-transform:uppercase;font-size:12px}
.sev.critical{color:#fff;background:var(--critical);padding:0 .3rem;border-radius:3px} .sev.high{color:var(--high)} .sev.medium{color:var(--medium)} .sev.low{color:var(--low)} .sev.info{color:var(--info)}
.status{font-weight:600} .status.pass{color:var(--ok)} .status.fail{color:var(--high)} .status.not-checked,.status.not-covered{color:var(--muted)}
.bar .track{fill:var(--panel)} .fill-critical{fill:var(--critical)} .fill-high{fill:var(--high)} .fill-medium{fill:var(--medium)} .fill-low{fill:var(--low)} .fill-info{fill:var(--info)}
tr.suppressed td{color:var(--muted)} .new{font-size:11px;font-weight:700;color:#fff;background:var(--accent);padding:0 .3rem;border-radius:3px}
.filters fieldset{border:1px solid var(--line);margin:.5rem 0;padding:.4rem .8rem} .filters label{margin-right:1rem;white-space:nowrap}
select,button,input{font:inherit;color:inherit;background:var(--bg);border:1px solid var(--line);border-radius:4px}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.note,.legend{color:var(--muted)}
.graph-box{overflow:auto;border:1px solid var(--line);border-radius:6px;background:var(--bg);max-height:80vh}
svg.graph{display:block;max-width:100%;height:auto}
svg.graph text{font:12px system-ui,sans-serif;fill:var(--fg)}
svg.graph .cluster rect{fill:var(--panel);stroke:var(--line)} svg.graph .cluster text{font-weight:600;fill:var(--muted)}
svg.graph .node rect{fill:var(--node);stroke:var(--edge);stroke-width:1.5} svg.graph .node{cursor:pointer}
svg.graph .node.open-ingress rect{stroke:var(--high);stroke-dasharray:4 2;stroke-width:2}
svg.graph .node.external rect{fill:var(--panel);stroke:var(--medium)} svg.graph .node.namespace rect{fill:var(--panel);stroke:var(--accent);stroke-width:2}
svg.graph .node.goal rect{stroke:var(--critical);stroke-width:2} svg.graph .node.critical rect{stroke:var(--critical);stroke-width:2.5}
svg.graph .edge path{fill:none;stroke:var(--edge);stroke-width:1.2} svg.graph .edge text{font-size:10px;fill:var(--muted)}
svg.graph .edge{cursor:pointer} svg.graph .edge.critical path{stroke:var(--critical);stroke-width:2.2}
svg.graph marker path{fill:var(--edge)}
svg.graph g[role=button]:focus{outline:none} svg.graph g[role=button]:focus-visible rect,svg.graph g[role=button]:focus-visible path{stroke:var(--focus);stroke-width:3}
svg.graph.focus .node:not(.hl):not(.selected),svg.graph.focus .edge:not(.hl){opacity:.2}
svg.graph .selected rect{stroke:var(--accent);stroke-width:3} svg.graph .edge.hl path{stroke:var(--accent);stroke-width:2.2}
.key{display:inline-block;padding:0 .4rem;margin-right:.4rem;border:1.5px solid var(--edge);border-radius:4px}
.key.open-ingress{border:2px dashed var(--high)} .key.external{border-color:var(--medium);background:var(--panel)}
#explain-panel,#namespace-panel{border:1px solid var(--line);border-radius:6px;padding:.5rem 1rem;margin-top:.5rem;background:var(--panel)}
#explain-text{white-space:pre-wrap} ul.chains li.critical{color:var(--high)}
@media print{
  body{margin:0;max-width:none;color:#000;background:#fff}
  .filters,#more,#reset-filters,nav,#explain-panel,#namespace-panel,template{display:none!important}
  .graph-box{max-height:none;overflow:visible;border:none}
  svg.graph{max-width:100%;height:auto} section{break-inside:avoid-page}
  details{display:block} details>*{display:block}
  a{color:#000;text-decoration:none}
}
`;
