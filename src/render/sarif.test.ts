// SARIF 2.1.0 (OASIS, https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html) as GitHub code
// scanning takes it (docs.github.com: code-security/reference/code-scanning/sarif-files/
// sarif-support-for-code-scanning): every result needs `locations[0].physicalLocation` with
// `artifactLocation.uri` and `region.startLine`, and `partialFingerprints`; rules need
// `shortDescription`, `fullDescription` and `help.text`; relative URIs need `originalUriBaseIds`;
// `helpUri` is an absolute URI (§3.49.12; the schema's `format: uri`).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Log, Result } from 'sarif';
import { CHECKS } from '../checks/registry.ts';
import { parseConfig } from '../config/parse-config.ts';
import { loadSources } from '../load/load.ts';
import { fingerprint } from '../model/fingerprint.ts';
import type { Report } from '../report/report.ts';
import { loadInputs } from '../scan/inputs.ts';
import { scanLoaded } from '../scan/scan.ts';
import { TEST_NOW } from '../testing/clock.ts';
import { sarifSchemaErrors } from '../testing/sarif-schema.ts';
import { ROOT, scanPaths } from '../testing/scan-examples.ts';
import { scoreRun } from './score/run.ts';
import { FINGERPRINT_KEY, sarifLog } from './sarif.ts';
import { DOCS_BASE_URL } from './sarif-rule.ts';

const DEFAULTS = parseConfig('<defaults>', '', CHECKS).run;
const resultsOf = (log: Log): Result[] => log.runs[0]?.results ?? [];
const physicalOf = (result: Result | undefined) => result?.locations?.[0]?.physicalLocation;
const lineOf = (file: string, needle: string): number => {
  const index = readFileSync(join(ROOT, file), 'utf8')
    .split('\n')
    .findIndex((line) => line.includes(needle));
  assert.ok(index >= 0, `${needle} in ${file}`);
  return index + 1;
};

describe('SARIF 2.1.0', async () => {
  const report = await scanPaths('examples/insecure');
  const log = sarifLog(report, { baseDirectory: ROOT });

  it('validates against the SARIF 2.1.0 JSON schema, URI formats included', () => {
    assert.deepEqual(sarifSchemaErrors(log), []);
    assert.notDeepEqual(sarifSchemaErrors({ version: '2.1.0' }), [], 'the schema rejects a log without runs');
  });

  it('reports each input diagnostic as a notification of its own level, notes included', () => {
    const diagnosed: Report = {
      ...report,
      diagnostics: (['error', 'warning', 'note'] as const).map((level, line) => ({
        level,
        file: 'examples/insecure/web.yaml',
        line: line + 1,
        column: 1,
        message: level,
      })),
    };
    const notified = sarifLog(diagnosed, { baseDirectory: ROOT });
    const levels = notified.runs[0]?.invocations?.[0]?.toolExecutionNotifications?.map((note) => note.level);
    assert.deepEqual(levels, ['error', 'warning', 'note']);
    assert.deepEqual(sarifSchemaErrors(notified), []);
  });

  it('the schema check rejects a relative helpUri and an artifact URI that is no URI', () => {
    const rule = log.runs[0]?.tool.driver.rules?.[0];
    const result = resultsOf(log)[0];
    assert.ok(rule && result);
    const relativeHelp = structuredClone(log);
    const relativeRule = relativeHelp.runs[0]?.tool.driver.rules?.[0];
    assert.ok(relativeRule);
    relativeRule.helpUri = 'docs/checks/x.md';
    assert.match(sarifSchemaErrors(relativeHelp).join('\n'), /helpUri must match format "uri"/);
    const spaced = structuredClone(log);
    const location = physicalOf(spaced.runs[0]?.results?.[0])?.artifactLocation;
    assert.ok(location);
    location.uri = 'a file.yaml';
    assert.match(sarifSchemaErrors(spaced).join('\n'), /uri must match format "uri-reference"/);
  });

  it('has one rule per check, with help and its docs page, and one result per finding', () => {
    const run = log.runs[0];
    assert.ok(run);
    assert.equal(run.tool.driver.rules?.length, report.checks.length);
    for (const rule of run.tool.driver.rules ?? []) {
      assert.ok(rule.help?.text && rule.shortDescription?.text && rule.fullDescription?.text);
      assert.match(String(rule.properties?.['security-severity']), /^\d+\.\d$/);
      assert.equal(rule.helpUri, new URL(`docs/checks/${rule.id}.md`, DOCS_BASE_URL).href);
      assert.ok(existsSync(join(ROOT, 'docs', 'checks', `${rule.id}.md`)), `docs page of ${rule.id}`);
    }
    assert.equal(run.results?.length, report.findings.length);
  });

  it('the docs base is one absolute URL ending in /, so pages resolve below it', () => {
    assert.match(DOCS_BASE_URL, /^https:\/\/[^/]+\/(?:.*\/)?$/);
  });

  const regionOf = (uri: string, ruleId: string, text: RegExp) => {
    const result = resultsOf(log).find(
      (r) =>
        r.ruleId === ruleId &&
        physicalOf(r)?.artifactLocation?.uri === uri &&
        text.test(r.message.text ?? ''),
    );
    assert.ok(result, `${ruleId} in ${uri}`);
    return physicalOf(result)?.region;
  };

  it('points at the offending field in the second document of a multi-document YAML file', () => {
    const region = regionOf('examples/insecure/web.yaml', 'service-external-exposure', /Service\/shop\/web/);
    assert.equal(region?.startLine, lineOf('examples/insecure/web.yaml', 'type: LoadBalancer'));
    assert.equal(region?.startColumn, 3);
  });

  it('points at the offending field in a JSON file', () => {
    const region = regionOf('examples/insecure/node-exporter.json', 'pss-privileged', /node-exporter/);
    assert.equal(region?.startLine, lineOf('examples/insecure/node-exporter.json', '"privileged": true'));
  });

  it('points at the offending field of an item in a kind: List', () => {
    const region = regionOf('examples/insecure/batch-list.yaml', 'secret-in-env-value', /ADMIN_TOKEN/);
    assert.equal(region?.startLine, lineOf('examples/insecure/batch-list.yaml', 'value: 9f8e7d6c'));
  });
});

describe('SARIF locations for findings about no loaded object', async () => {
  const PKI = 'testdata/checks/certificate-key-strength/fail/rsa-1024';
  const loaded = await loadInputs([join(ROOT, 'testdata/sarif'), join(ROOT, PKI)], { recursive: true });
  const report = scanLoaded(loaded, { checks: CHECKS, run: DEFAULTS, now: TEST_NOW }).report;
  const log = sarifLog(report, { baseDirectory: ROOT });
  const find = (ruleId: string, message: RegExp) => {
    const index = report.findings.findIndex((f) => f.checkId === ruleId && message.test(f.message));
    assert.ok(index >= 0, `${ruleId} ${String(message)}`);
    assert.equal(report.findings[index]?.resource, undefined, 'the finding names no loaded object');
    return resultsOf(log)[index];
  };

  it('is valid SARIF, and every result has a region and the finding fingerprint', () => {
    assert.deepEqual(sarifSchemaErrors(log), []);
    assert.equal(resultsOf(log).length, report.findings.length);
    resultsOf(log).forEach((result, i) => {
      const physical = physicalOf(result);
      assert.ok(physical?.artifactLocation?.uri, `result ${i} has an artifact`);
      assert.ok((physical.region?.startLine ?? 0) >= 1, `result ${i} has a start line`);
      const finding = report.findings[i];
      assert.ok(finding);
      assert.equal(result.partialFingerprints?.[FINGERPRINT_KEY], fingerprint(finding));
      assert.equal(result.partialFingerprints?.primaryLocationLineHash, `${fingerprint(finding)}:1`);
    });
  });

  it('a namespace without Namespace object or policy points at the first object declared in it', () => {
    const result = find('netpol-namespace-default-deny', /namespace shop has no NetworkPolicy/);
    const physical = physicalOf(result);
    assert.equal(physical?.artifactLocation?.uri, 'testdata/sarif/shop.yaml');
    assert.equal(physical?.region?.startLine, lineOf('testdata/sarif/shop.yaml', '  namespace: shop'));
    assert.equal(physical?.region?.startColumn, 3);
  });

  it('a mesh-wide setting points at the first object of its API domain (the first Istio object)', () => {
    const physical = physicalOf(find('mesh-mtls-not-enforced', /STRICT mesh-wide/));
    assert.equal(physical?.artifactLocation?.uri, 'testdata/sarif/shop.yaml');
    assert.equal(
      physical?.region?.startLine,
      lineOf('testdata/sarif/shop.yaml', 'apiVersion: networking.istio.io/v1'),
    );
  });

  it('a certificate of a bundle and a key file point at the start of their file', () => {
    for (const [message, file] of [
      [/^certificate CN=kube-apiserver/, 'apiserver.crt'],
      [/^private key file/, 'apiserver.key'],
    ] as const) {
      const physical = physicalOf(find('certificate-key-strength', message));
      assert.equal(physical?.artifactLocation?.uri, `${PKI}/pki/${file}`);
      assert.equal(physical?.region?.startLine, 1);
    }
  });

  it('relative URIs resolve against %SRCROOT%, the working directory, to the files read', () => {
    const run = log.runs[0];
    const root = run?.originalUriBaseIds?.['%SRCROOT%']?.uri;
    assert.equal(root, `${pathToFileURL(ROOT).href}/`);
    for (const result of resultsOf(log)) {
      const location = physicalOf(result)?.artifactLocation;
      assert.equal(location?.uriBaseId, '%SRCROOT%');
      assert.ok(existsSync(fileURLToPath(new URL(location?.uri ?? '', root))), location?.uri);
      assert.deepEqual(run?.artifacts?.[location?.index ?? -1]?.location, {
        uri: location?.uri,
        uriBaseId: '%SRCROOT%',
      });
    }
  });

  it('files outside the working directory are absolute file:// URIs', () => {
    const outside = sarifLog(report, { baseDirectory: join(ROOT, 'testdata', 'sarif') });
    assert.deepEqual(sarifSchemaErrors(outside), []);
    const uris = new Set(resultsOf(outside).map((result) => physicalOf(result)?.artifactLocation));
    const key = [...uris].find((location) => location?.uri?.endsWith('apiserver.key'));
    assert.equal(key?.uri, pathToFileURL(join(ROOT, PKI, 'pki', 'apiserver.key')).href);
    assert.equal(key?.uriBaseId, undefined);
    const inside = [...uris].find((location) => location?.uri === 'shop.yaml');
    assert.equal(inside?.uriBaseId, '%SRCROOT%');
  });

  it('two findings with one fingerprint stay two alerts (the occurrence counts)', () => {
    const finding = report.findings[0];
    assert.ok(finding);
    const twice: Report = { ...report, findings: [finding, finding] };
    assert.deepEqual(
      resultsOf(sarifLog(twice, { baseDirectory: ROOT })).map(
        (r) => r.partialFingerprints?.primaryLocationLineHash,
      ),
      [`${fingerprint(finding)}:1`, `${fingerprint(finding)}:2`],
    );
  });

  it('with nothing scanned to anchor to, a finding still has a location: the working directory, line 1', () => {
    const finding = report.findings.find((f) => f.checkId === 'netpol-namespace-default-deny');
    assert.ok(finding);
    const bare: Report = { ...report, objects: [], findings: [finding], diagnostics: [] };
    const bareLog = sarifLog(bare, { baseDirectory: ROOT });
    assert.deepEqual(sarifSchemaErrors(bareLog), []);
    assert.deepEqual(physicalOf(resultsOf(bareLog)[0]), {
      artifactLocation: { uri: '.', uriBaseId: '%SRCROOT%' },
      region: { startLine: 1, startColumn: 1 },
    });
  });
});

describe('SARIF URIs of standard input and unusual file names', () => {
  const POD =
    'apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: shop}\nspec:\n  hostPID: true\n  containers: [{name: web, image: web:1}]\n';
  const loaded = loadSources([
    { file: '<stdin>', text: POD, format: 'yaml', named: true },
    {
      file: join(ROOT, 'deploy', 'web #1 100%.yaml'),
      text: POD.replace('web,', 'api,'),
      format: 'yaml',
      named: true,
    },
  ]);
  const { report } = scanLoaded(loaded, { checks: CHECKS, run: DEFAULTS, now: TEST_NOW });
  const log = sarifLog(report, { baseDirectory: ROOT });
  const hostPid = resultsOf(log).filter((result) => result.ruleId === 'pss-host-namespaces');

  it('is valid SARIF', () => {
    assert.deepEqual(sarifSchemaErrors(log), []);
    assert.equal(hostPid.length, 2);
  });

  it('standard input is the artifact `stdin`, described as standard input, with no base', () => {
    const location = physicalOf(hostPid[0])?.artifactLocation;
    assert.equal(location?.uri, 'stdin');
    assert.equal(location?.uriBaseId, undefined);
    assert.deepEqual(log.runs[0]?.artifacts?.[location?.index ?? -1], {
      location: { uri: 'stdin' },
      description: { text: 'standard input' },
    });
    assert.equal(physicalOf(hostPid[0])?.region?.startLine, 5);
  });

  it('a file name with a space, # and % is percent-encoded segment by segment', () => {
    const uri = physicalOf(hostPid[1])?.artifactLocation?.uri;
    assert.equal(uri, 'deploy/web%20%231%20100%25.yaml');
    const root = log.runs[0]?.originalUriBaseIds?.['%SRCROOT%']?.uri;
    assert.equal(fileURLToPath(new URL(uri ?? '', root)), join(ROOT, 'deploy', 'web #1 100%.yaml'));
  });
});

describe('SARIF of kubeward score', () => {
  it('links kubesec rules to the README section on kubeward score', () => {
    const pod =
      'apiVersion: v1\nkind: Pod\nmetadata: {name: bad}\nspec:\n  containers:\n    - name: app\n      image: app:1\n      securityContext: {privileged: true}\n';
    const { stdout } = scoreRun([{ file: 'in.yaml', text: pod, format: 'yaml' }], [], {
      profile: 'kubesec-head',
      rules: undefined,
      output: 'sarif',
      explain: false,
      failureCode: 2,
      baseDirectory: ROOT,
    });
    const log = JSON.parse(stdout) as Log;
    assert.deepEqual(sarifSchemaErrors(log), []);
    const heading = readFileSync(join(ROOT, 'README.md'), 'utf8').match(/^## `kubeward score`.*$/m)?.[0];
    assert.ok(heading);
    // GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens.
    const anchor = heading
      .slice(3)
      .toLowerCase()
      .replace(/[^a-z0-9 -]/g, '')
      .replace(/ /g, '-');
    const rules = log.runs[0]?.tool.driver.rules ?? [];
    assert.ok(rules.length > 0);
    for (const rule of rules) assert.equal(rule.helpUri, new URL(`README.md#${anchor}`, DOCS_BASE_URL).href);
    for (const result of resultsOf(log)) assert.ok(result.partialFingerprints?.[FINGERPRINT_KEY]);
  });
});
