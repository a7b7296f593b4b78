import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import AjvDraft04 from 'ajv-draft-04';
import { ROOT, scanPaths } from '../testing/scan-examples.ts';
import { sarifLog } from './sarif.ts';

const require = createRequire(import.meta.url);
const schema = JSON.parse(
  readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
) as object;

describe('SARIF 2.1.0', async () => {
  const report = await scanPaths('examples/insecure');
  const log = sarifLog(report, { baseDirectory: ROOT });

  it('validates against the SARIF 2.1.0 JSON schema', () => {
    const validate = new AjvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false }).compile(
      schema,
    );
    assert.equal(validate(log), true, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    assert.equal(validate({ version: '2.1.0' }), false, 'the schema rejects a log without runs');
  });

  it('has one rule per check, with help, and one result per finding', () => {
    const run = log.runs[0];
    assert.ok(run);
    assert.equal(run.tool.driver.rules?.length, report.checks.length);
    for (const rule of run.tool.driver.rules ?? []) {
      assert.ok(rule.help?.text && rule.shortDescription?.text && rule.fullDescription?.text);
      assert.match(String(rule.properties?.['security-severity']), /^\d+\.\d$/);
    }
    assert.equal(run.results?.length, report.findings.length);
  });

  const regionOf = (uri: string, ruleId: string, text: RegExp) => {
    const result = log.runs[0]?.results?.find(
      (r) =>
        r.ruleId === ruleId &&
        r.locations?.[0]?.physicalLocation?.artifactLocation?.uri === uri &&
        text.test(r.message.text ?? ''),
    );
    assert.ok(result, `${ruleId} in ${uri}`);
    return result.locations?.[0]?.physicalLocation?.region;
  };
  const lineOf = (file: string, needle: string, occurrence = 1): number => {
    const lines = readFileSync(`${ROOT}/${file}`, 'utf8').split('\n');
    let seen = 0;
    const index = lines.findIndex((line) => line.includes(needle) && ++seen === occurrence);
    assert.ok(index >= 0, `${needle} in ${file}`);
    return index + 1;
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
