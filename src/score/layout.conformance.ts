// kubesec's JSON layout (pkg/ruler/report.go structs, pkg/report/writer.go MarshalIndent) of scored
// corpus fixtures: key order, two-space indentation, array order, trailing newline. Checked against the
// example in $KUBEWARD_CONFORMANCE_DIR/reference/kubesec.md (whose key order and advise order match the real outputs quoted in
// kubesec issues #591 and #471) and against golden files for three corpus fixtures.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { conformancePath } from '../testing/conformance.ts';
import { scoreCorpusFile } from '../testing/kubesec-corpus.ts';

const REFERENCE = conformancePath('reference/kubesec.md');
const GOLDEN = join(import.meta.dirname, '../../testdata/score');

async function kubesecJson(fixture: string): Promise<string> {
  return (await scoreCorpusFile(fixture, false)).stdout;
}

/** The reference's example for score-0-cap-sys-admin.yml, with `<SEL_…>` expanded, in Go's layout. */
function referenceExample(): string {
  const text = readFileSync(REFERENCE, 'utf8');
  const block = /## 2\.[\s\S]*?```json\n([\s\S]*?)```/.exec(text)?.[1];
  const seccomp = /SEL_SECCOMP = `([^`]+)`/.exec(text)?.[1];
  assert.ok(block !== undefined && seccomp !== undefined, 'example not found in reference/kubesec.md');
  const apparmor = seccomp.replaceAll('seccompProfile', 'appArmorProfile');
  const expanded = block.replaceAll('<SEL_SECCOMP>', seccomp).replaceAll('<SEL_APPARMOR>', apparmor);
  return `${JSON.stringify(JSON.parse(expanded), null, 2)}\n`;
}

const KEY_ORDER = ['object', 'valid', 'fileName', 'message', 'score', 'scoring'];
const RULE_KEYS = ['id', 'selector', 'reason', 'points'];

describe('kubesec JSON layout of scored corpus fixtures', () => {
  it('reproduces the reference example for score-0-cap-sys-admin.yml byte for byte', async () => {
    assert.equal(await kubesecJson('test/asset/score-0-cap-sys-admin.yml'), referenceExample());
  });

  for (const name of ['score-0-cap-sys-admin', 'critical-double', 'score-5-pod-serviceaccount']) {
    it(`matches the golden output of ${name}.yml (key order, indentation, array order)`, async () => {
      const actual = await kubesecJson(`test/asset/${name}.yml`);
      assert.equal(actual, readFileSync(join(GOLDEN, `${name}.kubesec.json`), 'utf8'));
      assert.ok(actual.endsWith('}\n]\n'));
      for (const line of actual.split('\n')) assert.equal((/^ */.exec(line)?.[0].length ?? 0) % 2, 0, line);
      const reports = JSON.parse(actual) as Record<string, unknown>[];
      for (const report of reports) {
        assert.deepEqual(Object.keys(report), KEY_ORDER);
        const scoring = report.scoring as Record<string, Record<string, unknown>[]>;
        const buckets = Object.keys(scoring);
        assert.deepEqual(
          buckets,
          ['critical', 'passed', 'advise'].filter((bucket) => buckets.includes(bucket)),
        );
        for (const bucket of buckets)
          for (const rule of scoring[bucket] ?? []) assert.deepEqual(Object.keys(rule), RULE_KEYS);
      }
    });
  }

  it('orders critical-double.yml as kubesec does: Privileged, AllowPrivilegeEscalation; advise ApparmorAny, ServiceAccountName first', async () => {
    const [report] = JSON.parse(await kubesecJson('test/asset/critical-double.yml')) as {
      scoring: { critical: { id: string }[]; advise: { id: string }[] };
    }[];
    assert.deepEqual(
      report?.scoring.critical.map((rule) => rule.id),
      ['Privileged', 'AllowPrivilegeEscalation'],
    );
    assert.deepEqual(
      report.scoring.advise.slice(0, 2).map((rule) => rule.id),
      ['ApparmorAny', 'ServiceAccountName'],
    );
  });
});
