import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fingerprint } from '../model/fingerprint.ts';
import type { Report } from '../report/report.ts';
import { CHECKS } from '../checks/registry.ts';
import { PRIVILEGED_HOST_PID_POD, scanText } from '../testing/scan-text.ts';
import { renderJson } from './json.ts';

interface JsonFinding {
  readonly check: string;
  readonly object: { readonly kind: string };
  readonly field: string;
  readonly location: { readonly line: number } | null;
  readonly fingerprint: string;
}

const POD = PRIVILEGED_HOST_PID_POD;
const report = scanText;
const findings = (text: string) =>
  (JSON.parse(renderJson(report(text))) as { findings: JsonFinding[] }).findings;

describe('-o json fingerprints', () => {
  it('each finding carries its stable fingerprint, after suppressed', () => {
    const scanned = report(POD);
    const json = findings(POD);
    assert.ok(json.length > 5);
    json.forEach((finding, i) => {
      const source = scanned.findings[i];
      assert.ok(source);
      assert.equal(finding.fingerprint, fingerprint(source));
      assert.match(finding.fingerprint, /^[0-9a-f]{32}$/);
      assert.deepEqual(Object.keys(finding).slice(-2), ['suppressed', 'fingerprint']);
    });
  });

  it('moving the manifest down and reordering its fields keeps every fingerprint', () => {
    const moved = `# comment\n\n${POD.replace('  hostPID: true\n', '').replace('spec:\n', 'spec:\n  hostPID: true\n\n')}`;
    const before = findings(POD);
    const after = findings(moved);
    const privileged = (list: readonly JsonFinding[]) =>
      list.find((finding) => finding.check === 'pss-privileged' && finding.field.endsWith('privileged'));
    assert.notEqual(privileged(before)?.location?.line, privileged(after)?.location?.line);
    assert.deepEqual(
      after.map((finding) => finding.fingerprint).sort(),
      before.map((finding) => finding.fingerprint).sort(),
    );
  });

  it('findings on another Pod have other fingerprints', () => {
    const onPods = (list: readonly JsonFinding[]) => list.filter((finding) => finding.object.kind === 'Pod');
    const other = onPods(findings(POD.replace('name: web\n  namespace', 'name: api\n  namespace')));
    const before = new Set(onPods(findings(POD)).map((finding) => finding.fingerprint));
    assert.equal(other.length, before.size);
    assert.deepEqual(
      other.filter((finding) => before.has(finding.fingerprint)),
      [],
    );
  });
});

describe('-o json rules table', () => {
  interface Rule {
    readonly title: string;
    readonly severity: string;
    readonly theme: string;
    readonly remediation: string;
  }
  interface Document {
    readonly apiVersion: string;
    readonly rules: Readonly<Record<string, Rule>>;
    readonly findings: readonly Record<string, unknown>[];
  }
  const parsed = (scanned: Report): Document => JSON.parse(renderJson(scanned)) as Document;

  it('describes every check that ran once, and each finding names its check instead of repeating it', () => {
    const scanned = report(POD);
    const document = parsed(scanned);
    assert.equal(document.apiVersion, 'kubeward.io/v1alpha2');
    assert.deepEqual(Object.keys(document.rules), [...new Set(scanned.checks.map((check) => check.id))]);
    const privileged = CHECKS.find((check) => check.id === 'pss-privileged');
    assert.deepEqual(document.rules['pss-privileged'], {
      title: privileged?.title,
      severity: privileged?.severity,
      theme: privileged?.theme,
      remediation: privileged?.remediation,
    });
    assert.ok(document.findings.length > 5);
    for (const [i, finding] of document.findings.entries()) {
      assert.deepEqual(Object.keys(finding), [
        'check',
        'severity',
        'theme',
        'message',
        'object',
        'field',
        'location',
        'suppressed',
        'fingerprint',
      ]);
      const rule = document.rules[String(finding.check)];
      assert.equal(rule?.remediation, scanned.findings[i]?.remediation);
    }
  });

  it('describes a check that did not run, when a finding names it, from that finding', () => {
    const scanned = report(POD);
    const [first] = scanned.findings;
    assert.ok(first);
    const stray = { ...first, checkId: 'not-a-check', remediation: 'Do the thing.' };
    const document = parsed({ ...scanned, findings: [stray] });
    assert.deepEqual(document.rules['not-a-check'], {
      title: 'not-a-check',
      severity: first.severity,
      theme: first.theme,
      remediation: 'Do the thing.',
    });
    assert.equal(document.rules['pss-privileged']?.title, 'Privileged container (PSS baseline)');
  });
});
