import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { CHECKS } from '../checks/registry.ts';
import { parseConfig } from '../config/parse-config.ts';
import { load } from '../load/load.ts';
import { connectionList } from '../netpol/connections.ts';
import { buildNetpolModel } from '../netpol/engine.ts';
import { reachabilityMatrix } from '../netpol/matrix.ts';
import { attackPaths } from '../rbac/attack-paths.ts';
import { rbacModelOf } from '../rbac/cache.ts';
import { reportGraphs } from '../report/graphs.ts';
import { parseReportDocument } from '../report/report-document.ts';
import type { Report } from '../report/report.ts';
import { scanLoaded } from '../scan/scan.ts';
import type { BrowserPage } from '../testing/browser.ts';
import { openBrowserPage } from '../testing/browser.ts';
import { CHROMIUM } from '../testing/chromium.ts';
import { TEST_NOW } from '../testing/clock.ts';
import { pageFindings } from '../testing/html-report.ts';
import { ROOT } from '../testing/scan-examples.ts';
import { needs } from '../testing/tools.ts';
import { pageDocument, renderHtml, renderHtmlReport } from './html.ts';
import { renderHtmlPage } from './html/page.ts';
import { renderJson } from './json.ts';

/** What the tests read of a DOM element in the page (the project's types have no DOM library). */
interface PageElement {
  getAttribute(name: string): string | null;
  readonly textContent: string | null;
  dispatchEvent(event: unknown): boolean;
  focus(): void;
}

const run = parseConfig('<defaults>', '', CHECKS).run;
const loaded = await load([join(ROOT, 'examples/insecure')], { recursive: true });
const scanned = scanLoaded(loaded, { checks: CHECKS, run, now: TEST_NOW });
const report: Report = { ...scanned.report, graphs: reportGraphs(scanned.inventory, run.settings) };

describe('the graphs of examples/insecure, from the engines', () => {
  it('network: every connection of netpol matrix between two different workloads is an edge', () => {
    const list = connectionList(reachabilityMatrix(buildNetpolModel(scanned.inventory)));
    const network = report.graphs?.network;
    assert.deepEqual(
      network?.workloads.map((w) => w.id),
      list.workloads,
    );
    assert.deepEqual(network?.external, list.external);
    const pairs = list.connections.filter((c) => c.source !== c.destination);
    assert.equal(network?.edges.length, pairs.length);
    // Read from the example: 6 workloads in 3 namespaces and no NetworkPolicy, so each of the 30
    // ordered pairs of workloads and each workload to and from 0.0.0.0/0 and ::/0 (24) is allowed.
    assert.equal(network?.edges.length, 54);
    assert.equal(network?.explanations.length, 54);
    assert.ok(network?.workloads.every((w) => !w.ingressIsolated && !w.egressIsolated));
  });

  it('attack paths: the workloads rbac paths finds reaching a goal, through their identities to the goals', () => {
    const paths = attackPaths(rbacModelOf(scanned.inventory), scanned.inventory).filter(
      (path) => path.escalations.length > 0,
    );
    const graph = report.graphs?.attackPaths;
    const grants = paths.flatMap((path) => path.escalations.flatMap((e) => e.grants));
    const expected = new Set([
      ...paths.map(
        (p) =>
          `workload:${p.identity.workload.resource.kind}/${p.identity.workload.namespace}/${p.identity.workload.resource.name}`,
      ),
      ...paths.map((p) => `serviceaccount:${p.identity.workload.namespace}/${p.identity.serviceAccount}`),
      ...grants.map((g) => `binding:${g.grant.binding.kind} ${g.grant.binding.name}`),
      ...grants.map((g) => `role:${g.grant.role.kind} ${g.grant.role.name}`),
      ...paths.flatMap((p) => p.escalations.map((e) => `goal:${e.goal}`)),
    ]);
    assert.deepEqual(new Set(graph?.nodes.map((node) => node.id)), expected);
    // Read from the example: web, api, backup and postgres run as shop/default, which the
    // ClusterRoleBinding deployer-admin binds to cluster-admin: 4 workloads, 1 ServiceAccount,
    // 1 binding, 1 role and the 4 goals; edges 4 + 1 + 1 + 4.
    assert.equal(graph?.nodes.length, 11);
    assert.equal(graph?.edges.length, 10);
    assert.ok(graph?.nodes.every((node) => node.critical));
  });
});

describe('the HTML report and the JSON report', () => {
  it('kubeward report over the JSON report (--graphs) makes the same page as scan -o html', () => {
    const saved = parseReportDocument('report.json', renderJson(report));
    assert.equal(renderHtmlPage(saved), renderHtmlPage(pageDocument(report)));
  });

  it('a JSON report that is not one is refused with the field at fault', () => {
    assert.throws(() => parseReportDocument('r.json', '{'), /^InputError: r\.json: not JSON/);
    const wrong = JSON.parse(renderJson(report)) as { summary: { findings: unknown } };
    wrong.summary.findings = 'many';
    assert.throws(
      () => parseReportDocument('r.json', JSON.stringify(wrong)),
      /r\.json: not a kubeward JSON report \(kubeward scan -o json\): summary\.findings: /,
    );
  });

  it('carries every finding, its check linked to its docs page', () => {
    const page = pageFindings(renderHtml(report));
    assert.equal(page.rows.length, report.findings.length);
    const privileged = page.checks.find(([id]) => id === 'pss-privileged');
    assert.equal(privileged?.[3], 'https://kubeward.invalid/docs/checks/pss-privileged.md');
  });

  it('with a baseline: the diff section counts the new findings, which come first', () => {
    const held = new Set(report.findings.slice(0, 100).map((finding) => finding));
    const html = renderHtml({
      ...report,
      findings: report.findings.map((finding) =>
        held.has(finding)
          ? { ...finding, suppressed: { by: 'baseline', reason: 'in baseline b.json' } }
          : finding,
      ),
      summary: { ...report.summary, inBaseline: held.size },
    });
    assert.match(html, /<body data-baseline="1">/);
    assert.match(
      html,
      new RegExp(
        `<strong id="new-count">${String(report.findings.length - held.size)}</strong> new findings`,
      ),
    );
    assert.match(html, /<option value="new">new<\/option>/);
    assert.equal(pageFindings(html).rows.filter((row) => row[6] === 2).length, held.size);
    assert.doesNotMatch(renderHtml(report), /id="diff"/);
  });

  it("with --framework: the framework's controls as a second scorecard", () => {
    const framework = {
      id: 'pss' as const,
      title: 'Pod Security Standards',
      source: 'kubernetes.io/docs/concepts/security/pod-security-standards/',
      controls: [
        {
          id: 'privileged',
          title: 'Privileged Containers',
          group: 'baseline',
          checks: [{ id: 'pss-privileged', applied: true, findings: 2 }],
          findings: 2,
          bySeverity: { critical: 2, high: 0, medium: 0, low: 0, info: 0 },
          status: 'fail' as const,
        },
      ],
    };
    const html = renderHtml({ ...report, framework });
    assert.match(html, /<section id="framework"><h2>Pod Security Standards<\/h2><p>1 controls: 1 fail\./);
    assert.match(
      html,
      /<code>privileged<\/code><\/td><td>Privileged Containers <small>\(baseline\)<\/small>/,
    );
    assert.doesNotMatch(renderHtml(report), /id="framework"/);
  });

  it('escapes what comes from the manifests', () => {
    const hostile = '</script><script>alert(1)</script>';
    const html = renderHtml({
      ...report,
      findings: report.findings.slice(0, 1).map((finding) => ({ ...finding, message: hostile })),
    });
    assert.ok(!html.includes(hostile));
    assert.equal(pageFindings(html).rows[0]?.[5], hostile);
  });
});

describe('the HTML report in headless Chromium', needs(CHROMIUM), () => {
  const directory = mkdtempSync(join(tmpdir(), 'kubeward-html-'));
  const file = join(directory, 'report.html');
  const url = pathToFileURL(file).href;
  let browser: BrowserPage;
  const shown = () =>
    browser.page.$$eval('#findings tbody tr', (rows: PageElement[]) =>
      rows.map((row) => row.getAttribute('data-severity')),
    );
  const open = async (hash = '') => {
    await browser.page.goto(`${url}${hash}`, { waitUntil: 'load' });
    await browser.page.waitForSelector('body[data-ready="1"]');
  };

  before(async () => {
    writeFileSync(file, await renderHtmlReport(report));
    browser = await openBrowserPage();
  });
  after(async () => browser.close());

  it('loads with no console error and no request: one self-contained file', async () => {
    await open();
    assert.deepEqual(browser.errors, []);
    assert.deepEqual(browser.requests, []);
    assert.equal((await shown()).length, report.findings.length);
    assert.equal(await browser.page.$$eval('#themes tbody tr', (rows) => rows.length), 11);
  });

  it('filters by severity, theme, check and namespace, and keeps the filters in the URL', async () => {
    await open();
    await browser.page.click('input[name=severity][value=critical]');
    const critical = report.findings.filter((f) => f.severity === 'critical').length;
    assert.equal((await shown()).length, report.findings.length - critical);
    assert.equal(new URL(browser.page.url()).hash, '#severity=high%2Cmedium%2Clow%2Cinfo');
    await browser.page.select('select[name=theme]', 'rbac');
    await browser.page.select('select[name=namespace]', 'shop');
    const expected = report.findings.filter(
      (f) => f.severity !== 'critical' && f.theme === 'rbac' && f.object.namespace === 'shop',
    );
    assert.ok(expected.length > 0);
    assert.equal((await shown()).length, expected.length);
    const link = browser.page.url();
    assert.match(link, /theme=rbac/);
    assert.match(link, /namespace=shop/);
    await open(new URL(link).hash);
    assert.equal((await shown()).length, expected.length);
    await browser.page.select('select[name=check]', 'pss-privileged');
    assert.deepEqual(await shown(), []);
    assert.deepEqual(browser.errors, []);
  });

  it('sorts by severity', async () => {
    await open('#sort=severity');
    const order = ['critical', 'high', 'medium', 'low', 'info'];
    const ranks = (await shown()).map((s) => order.indexOf(s ?? ''));
    assert.deepEqual(
      ranks,
      [...ranks].sort((a, b) => a - b),
    );
    assert.notDeepEqual(
      ranks,
      report.findings.map((f) => order.indexOf(f.severity)),
    );
  });

  it('draws the network: 6 workloads and one node for 0.0.0.0/0 and ::/0, 21 edges both ways', async () => {
    await open();
    const count = (selector: string) => browser.page.$$eval(selector, (elements) => elements.length);
    // Every pair of the 6 workloads both ways with every port (15 edges), and the two address
    // ranges, reached alike, as one node with an edge both ways to each workload (6).
    assert.equal(await count('#network-graph .node.workload'), 6);
    assert.equal(await count('#network-graph .node.workload.open-ingress'), 6);
    assert.equal(await count('#network-graph .node.external'), 1);
    assert.equal(await count('#network-graph .edge'), 21);
    assert.equal(await count('#network-graph .cluster'), 3);
    assert.equal(await count('#attack-graph .node'), 11);
    assert.equal(await count('#attack-graph .edge.critical'), 10);
  });

  it('highlights the edges of a selected workload, and explains a selected edge', async () => {
    await open();
    await browser.page.click('#network-graph .node[data-id="deployment/shop/web"]');
    const lit = await browser.page.$$eval('#network-graph .edge.hl', (edges: PageElement[]) =>
      edges.map((e) => `${e.getAttribute('data-source') ?? ''} ${e.getAttribute('data-destination') ?? ''}`),
    );
    assert.equal(lit.length, 6);
    assert.ok(lit.every((edge) => edge.split(' ').includes('deployment/shop/web')));
    // A click on the edge itself (its middle may lie under another edge).
    await browser.page.$eval(
      '#network-graph .edge[data-source="0.0.0.0/0"][data-destination="deployment/shop/web"]',
      (edge: PageElement) => {
        edge.dispatchEvent(new Event('click', { bubbles: true }));
      },
    );
    const text = await browser.page.$eval('#explain-text', (pre: PageElement) => pre.textContent);
    assert.match(
      text ?? '',
      /^\$ kubeward netpol explain 0\.0\.0\.0\/0 deployment\/shop\/web\nALLOWED \(any port\); allowed ports: all\n/,
    );
    assert.match(text ?? '', /not isolated: no NetworkPolicy selects it in this direction/);
    assert.deepEqual(browser.errors, []);
  });

  it('works from the keyboard: a focused workload is selected with Enter, Escape clears', async () => {
    await open();
    await browser.page.$eval(
      '#attack-graph .node[data-id="workload:Deployment/shop/web"]',
      (node: PageElement) => {
        node.focus();
      },
    );
    await browser.page.keyboard.press('Enter');
    assert.equal(await browser.page.$$eval('#attack-graph .edge.hl', (edges) => edges.length), 7);
    await browser.page.keyboard.press('Escape');
    assert.equal(await browser.page.$$eval('#attack-graph .hl', (edges) => edges.length), 0);
  });

  it('writes a screenshot for the docs', async () => {
    await open();
    const png = join(directory, 'html-report.png');
    await browser.page.screenshot({ path: png, fullPage: false });
    assert.deepEqual([...readFileSync(png).subarray(1, 4)], [0x50, 0x4e, 0x47]);
  });
});
