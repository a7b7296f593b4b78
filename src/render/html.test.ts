import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { CHROMIUM, dumpDom } from '../testing/chromium.ts';
import { scanPaths } from '../testing/scan-examples.ts';
import { needs } from '../testing/tools.ts';
import { renderHtml } from './html.ts';

describe('HTML report in headless Chromium', needs(CHROMIUM), async () => {
  const report = await scanPaths('examples/insecure');
  const file = join(mkdtempSync(join(tmpdir(), 'kubeward-html-')), 'report.html');
  writeFileSync(file, renderHtml(report));
  const url = pathToFileURL(file).href;
  const rows = (dom: string) => [
    ...dom.matchAll(/<tr data-severity="(\w+)"( class="suppressed")?( hidden(?:="")?)?>/g),
  ];

  it('shows every finding and the eleven themes', () => {
    const dom = dumpDom(url);
    assert.equal(rows(dom).length, report.findings.length);
    assert.equal([...dom.matchAll(/<tr><td><code>[a-z]+<\/code><\/td>/g)].length, 11);
    assert.match(dom, new RegExp(`<span id="visible">${report.findings.length}</span>`));
  });

  it('filters by severity in the browser (#severity=critical)', () => {
    const dom = dumpDom(`${url}#severity=critical`);
    const critical = report.findings.filter((finding) => finding.severity === 'critical').length;
    assert.ok(critical > 0);
    const visible = rows(dom).filter((match) => match[3] === undefined);
    assert.deepEqual(new Set(visible.map((match) => match[1])), new Set(['critical']));
    assert.equal(visible.length, critical);
    assert.match(dom, new RegExp(`<span id="visible">${critical}</span>`));
  });

  it('escapes what comes from the manifests', () => {
    const html = renderHtml({
      ...report,
      findings: report.findings
        .slice(0, 1)
        .map((finding) => ({ ...finding, message: '<script>alert(1)</script>' })),
    });
    assert.ok(!html.includes('<script>alert(1)</script>'));
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  });
});
