// `kubeward scan -o sarif` end to end, held to what GitHub code scanning requires of an upload
// (docs.github.com: code-security/reference/code-scanning/sarif-files/sarif-support-for-code-scanning):
// every result has a physical location with `region.startLine` and `partialFingerprints`; every rule
// has `help.text`, and kubeward adds an absolute `helpUri` (SARIF 2.1.0 §3.49.12).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Log } from 'sarif';
import { runCli } from '../testing/cli.ts';
import { sarifSchemaErrors } from '../testing/sarif-schema.ts';

const PKI = 'testdata/checks/certificate-key-strength/fail/rsa-1024';
const STDIN = `apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
  namespace: batch
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{name: migrate, image: migrate:1}]
`;

describe('kubeward scan -o sarif', () => {
  const run = runCli(['scan', '-', 'testdata/sarif', PKI, '-o', 'sarif', '--fail-on', 'none'], {
    input: STDIN,
  });
  const log = JSON.parse(run.stdout) as Log;
  const results = log.runs[0]?.results ?? [];
  const where = (ruleId: string, object: string) => {
    const result = results.find((r) => r.ruleId === ruleId && r.message.text?.startsWith(`${object}: `));
    assert.ok(result, `${ruleId} on ${object}`);
    return result.locations?.[0]?.physicalLocation;
  };

  it('exits 0 with a valid SARIF 2.1.0 log', () => {
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(sarifSchemaErrors(log), []);
    assert.ok(results.length > 10);
  });

  it('every result has an artifact, a region with a start line and partial fingerprints', () => {
    for (const result of results) {
      const physical = result.locations?.[0]?.physicalLocation;
      assert.ok(physical?.artifactLocation?.uri, result.message.text);
      assert.ok(Number.isInteger(physical.region?.startLine), result.message.text);
      assert.match(result.partialFingerprints?.['kubeward/v1'] ?? '', /^[0-9a-f]{32}$/);
      assert.match(result.partialFingerprints?.primaryLocationLineHash ?? '', /^[0-9a-f]{32}:\d+$/);
    }
  });

  it('every rule has help text and an absolute helpUri to its docs page', () => {
    const rules = log.runs[0]?.tool.driver.rules ?? [];
    assert.ok(rules.length > 100);
    for (const rule of rules) {
      assert.ok(rule.help?.text, rule.id);
      assert.match(rule.helpUri ?? '', new RegExp(`^https://.*/docs/checks/${rule.id}\\.md$`));
    }
  });

  it('anchors namespaces without policies, node files and stdin', () => {
    assert.deepEqual(where('netpol-namespace-default-deny', 'Namespace/shop'), {
      artifactLocation: { uri: 'testdata/sarif/shop.yaml', uriBaseId: '%SRCROOT%', index: 1 },
      region: { startLine: 10, startColumn: 3, endLine: 10, endColumn: 18 },
    });
    assert.deepEqual(where('netpol-namespace-default-deny', 'Namespace/batch'), {
      artifactLocation: { uri: 'stdin', index: 0 },
      region: { startLine: 5, startColumn: 3, endLine: 5, endColumn: 19 },
    });
    assert.deepEqual(where('certificate-key-strength', `NodeFile/${PKI}/pki/apiserver.crt#0`), {
      artifactLocation: { uri: `${PKI}/pki/apiserver.crt`, uriBaseId: '%SRCROOT%', index: 2 },
      region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 },
    });
    assert.deepEqual(log.runs[0]?.artifacts?.[0], {
      location: { uri: 'stdin' },
      description: { text: 'standard input' },
    });
  });
});
