import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scanPaths } from '../testing/scan-examples.ts';

describe('bundled examples', () => {
  it('the insecure cluster has findings in every theme its manifests touch', async () => {
    const report = await scanPaths('examples/insecure');
    assert.deepEqual(report.diagnostics, []);
    const themes = new Set(report.findings.map((finding) => finding.theme));
    for (const theme of ['tls', 'linux', 'config', 'network', 'supply', 'mesh', 'nonroot', 'rbac'])
      assert.ok(themes.has(theme as never), theme);
  });

  it('the hardened twin is clean, with every suppression reasoned', async () => {
    const report = await scanPaths('examples/hardened');
    assert.deepEqual(report.diagnostics, []);
    const open = report.findings.filter((finding) => !finding.suppressed);
    assert.deepEqual(
      open.map((f) => `${f.checkId} ${f.object.kind}/${f.object.name}: ${f.message}`),
      [],
    );
    for (const finding of report.findings)
      assert.ok(finding.suppressed?.reason, `${finding.checkId} suppressed without a reason`);
  });
});
