import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CHECKS } from '../checks/registry.ts';
import { loadSources } from '../load/load.ts';
import { ConfigError } from '../model/errors.ts';
import { formatPath } from '../model/path.ts';
import { locationOf } from '../report/location.ts';
import { scanLoaded } from '../scan/scan.ts';
import { TEST_NOW } from '../testing/clock.ts';
import { parseConfig } from './parse-config.ts';

/** Two privileged pods: `web` (app: web) in `shop`, `batch` (app: jobs) in `ops`. */
const MANIFESTS = ['web', 'batch']
  .map((name) =>
    [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      `  name: ${name}`,
      `  namespace: ${name === 'web' ? 'shop' : 'ops'}`,
      `  labels: {app: ${name === 'web' ? 'web' : 'jobs'}}`,
      'spec:',
      '  containers:',
      '    - name: app',
      '      image: registry.example.com/app:1.0',
      '      securityContext: {privileged: true}',
    ].join('\n'),
  )
  .join('\n---\n');

/** The findings of a scan of MANIFESTS under `config`, keyed `check object field`, with their reason. */
function scanWith(config: string): Map<string, string | undefined> {
  const run = parseConfig('.kubeward.yaml', config, CHECKS).run;
  const loaded = loadSources([{ file: 'pods.yaml', text: MANIFESTS, format: 'yaml', named: true }]);
  const { report } = scanLoaded(loaded, { checks: CHECKS, run, now: TEST_NOW });
  return new Map(
    report.findings.map((finding) => [
      `${finding.checkId} ${finding.object.name} ${formatPath(finding.path)}`,
      finding.suppressed?.reason,
    ]),
  );
}

const rejects = (text: string, message: string | RegExp) => {
  assert.throws(
    () => parseConfig('.kubeward.yaml', text, CHECKS),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      if (typeof message === 'string') assert.equal(error.message, message);
      else assert.match(error.message, message);
      return true;
    },
  );
};

const PRIVILEGED = 'spec.containers[0].securityContext.privileged';

describe('.kubeward.yaml exceptions', () => {
  it('suppresses nothing without exceptions', () => {
    const findings = scanWith('');
    assert.equal(findings.get(`pss-privileged web ${PRIVILEGED}`), undefined);
    assert.ok(findings.has(`pss-privileged batch ${PRIVILEGED}`));
  });

  it('matches a check by glob and an object by kind, namespace and name globs', () => {
    const findings = scanWith(
      'exceptions:\n  - check: pss-priv*\n    object: {kind: Pod, namespace: sh?p, name: "w*"}\n    reason: reviewed\n',
    );
    assert.equal(findings.get(`pss-privileged web ${PRIVILEGED}`), 'reviewed');
    assert.equal(findings.get(`pss-privileged batch ${PRIVILEGED}`), undefined, 'other namespace and name');
    assert.equal(findings.get('image-tag-mutable web spec.containers[0].image'), undefined, 'other check');
    const otherKind = scanWith(
      'exceptions:\n  - check: pss-privileged\n    object: {kind: Deployment}\n    reason: x\n',
    );
    assert.equal(otherKind.get(`pss-privileged web ${PRIVILEGED}`), undefined);
  });

  it('matches an object by label selector', () => {
    const findings = scanWith(
      [
        'exceptions:',
        '  - check: "*"',
        '    object:',
        '      selector:',
        '        matchExpressions: [{key: app, operator: In, values: [jobs]}]',
        '    reason: batch jobs are reviewed',
      ].join('\n'),
    );
    assert.equal(findings.get(`pss-privileged batch ${PRIVILEGED}`), 'batch jobs are reviewed');
    assert.equal(findings.get(`pss-privileged web ${PRIVILEGED}`), undefined);
    const byLabels = scanWith(
      'exceptions:\n  - check: pss-privileged\n    object: {selector: {matchLabels: {app: web}}}\n    reason: r\n',
    );
    assert.equal(byLabels.get(`pss-privileged web ${PRIVILEGED}`), 'r');
    assert.equal(byLabels.get(`pss-privileged batch ${PRIVILEGED}`), undefined);
  });

  it('matches a field path, and the fields below it, with [*] for any index', () => {
    const findings = scanWith(
      'exceptions:\n  - check: "*"\n    field: spec.containers[*].securityContext\n    reason: r\n',
    );
    assert.equal(findings.get(`pss-privileged web ${PRIVILEGED}`), 'r');
    assert.equal(findings.get('image-tag-mutable web spec.containers[0].image'), undefined);
    const prefixOnly = scanWith(
      'exceptions:\n  - check: "*"\n    field: spec.containers[0].security\n    reason: r\n',
    );
    assert.equal(prefixOnly.get(`pss-privileged web ${PRIVILEGED}`), undefined, 'a field name is whole');
  });

  it('holds until its expiry date, then stops suppressing and is reported at its entry', () => {
    const entry = (expires: string) =>
      `exceptions:\n  - check: pss-privileged\n    reason: until the rewrite\n    expires: ${expires}\n`;
    assert.equal(scanWith(entry('2027-01-02')).get(`pss-privileged web ${PRIVILEGED}`), 'until the rewrite');
    assert.equal(scanWith(entry('2027-01-02')).has('exception-expired .kubeward.yaml exceptions[0]'), false);
    const expired = scanWith(entry('2027-01-01'));
    assert.equal(expired.get(`pss-privileged web ${PRIVILEGED}`), undefined, 'TEST_NOW is 2027-01-01 00:00Z');
    assert.ok(expired.has('exception-expired .kubeward.yaml exceptions[0]'));
    assert.equal(
      scanWith(entry('2026-12-31T23:59:59-01:00')).get(`pss-privileged web ${PRIVILEGED}`),
      'until the rewrite',
    );

    const run = parseConfig('.kubeward.yaml', `failOn: high\n${entry('2026-06-30')}`, CHECKS).run;
    const loaded = loadSources([{ file: 'pods.yaml', text: MANIFESTS, format: 'yaml', named: true }]);
    const { report } = scanLoaded(loaded, { checks: CHECKS, run, now: TEST_NOW });
    const finding = report.findings.find((f) => f.checkId === 'exception-expired');
    assert.ok(finding);
    assert.equal(finding.severity, 'low');
    assert.equal(
      finding.message,
      'exception for "pss-privileged" expired on 2026-06-30 and no longer suppresses (reason was: until the rewrite)',
    );
    assert.deepEqual(locationOf(finding), {
      file: '.kubeward.yaml',
      document: 0,
      line: 3,
      column: 5,
      endLine: 5,
      endColumn: 24,
    });
    assert.ok(report.checks.some((check) => check.id === 'exception-expired'));
  });

  it('requires a reason, pointing at the entry', () => {
    rejects(
      'exceptions:\n  - check: pss-privileged\n    object: {kind: Pod}\n',
      '.kubeward.yaml:2:5: exceptions[0].reason: reason is required: say why the finding is accepted',
    );
    rejects(
      'exceptions:\n  - check: pss-privileged\n    reason: "  "\n',
      '.kubeward.yaml:3:5: exceptions[0].reason: reason is required: say why the finding is accepted',
    );
  });

  it('rejects a check that matches nothing, a bad date, a bad selector and unknown fields', () => {
    rejects(
      'exceptions:\n  - check: pss-privilegd\n    reason: r\n',
      /^\.kubeward\.yaml:2:5: exceptions\[0\]\.check: check "pss-privilegd" matches no check \(did you mean: pss-privileged, /,
    );
    rejects(
      'exceptions:\n  - check: "nope-*"\n    reason: r\n',
      '.kubeward.yaml:2:5: exceptions[0].check: pattern "nope-*" matches no check; run kubeward checks list',
    );
    rejects(
      'exceptions:\n  - check: pss-privileged\n    reason: r\n    expires: 2027-02-30\n',
      '.kubeward.yaml:4:5: exceptions[0].expires: expected a date (2027-06-30) or an RFC 3339 time (2027-06-30T12:00:00Z)',
    );
    rejects(
      'exceptions:\n  - check: "*"\n    reason: r\n    object:\n      selector:\n        matchExpressions: [{key: app, operator: In}]\n',
      /^\.kubeward\.yaml:6:28: exceptions\[0\]\.object\.selector\.matchExpressions\[0\]: In and NotIn need values/,
    );
    rejects(
      'exceptions:\n  - check: "*"\n    reason: r\n    objects: {}\n',
      '.kubeward.yaml:4:5: exceptions[0]: Unrecognized key: "objects"',
    );
  });
});
