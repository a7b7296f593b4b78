// A ruleset of our own (testdata/detect/cluster-guard-rules.yaml), in the language and with the
// constructs of Falco's official k8s_audit rules, against the same audit events the conformance
// test runs through the official file: each rule fires on its trigger and not on its clear event.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { compileRules } from './index.ts';
import type { Alert } from './index.ts';
import type { RuleCase } from './testing/audit-fixtures.ts';
import { auditEvents, DETECT_TESTDATA, eventById, testRulesFile } from './testing/audit-fixtures.ts';

const events = auditEvents('official-rules.events.jsonl');
const cases = JSON.parse(
  readFileSync(join(DETECT_TESTDATA, 'cluster-guard-rules.cases.json'), 'utf8'),
) as readonly RuleCase[];
const ruleset = compileRules([testRulesFile('cluster-guard-rules.yaml')], { ruleMatching: 'all' });

function alertFor(id: string, rule: string): Alert | undefined {
  return ruleset.match(eventById(events, id)).find((a) => a.rule === rule);
}

describe('our own k8s_audit ruleset', () => {
  it('compiles every k8s_audit rule and skips the syscall one with a note', () => {
    assert.equal(ruleset.rules.length, 12);
    assert.deepEqual(ruleset.notes, ['skipped 1 rule for source syscall']);
    assert.deepEqual(
      cases.map((c) => c.rule),
      ruleset.rules.map((r) => r.name),
    );
  });

  for (const c of cases)
    it(`${c.rule}: fires on ${c.trigger}, not on ${c.clear}`, () => {
      assert.ok(alertFor(c.trigger, c.rule), `no alert on ${c.trigger}`);
      assert.equal(alertFor(c.clear, c.rule), undefined);
    });

  it('expands list fields, field arguments and absent values in outputs', () => {
    assert.equal(
      alertFor('attach-to-cluster-admin-role.trigger', 'Guard Cluster Admin Binding')?.output,
      'kubernetes-admin bound cluster-admin to (jane) and (ci:deployer)',
    );
    assert.equal(alertFor('attach-exec-pod.trigger', 'Guard Exec')?.output, 'exec into default/web: sh');
    assert.equal(
      alertFor('create-hostpid-pod.trigger', 'Guard Host Namespaces')?.output,
      'pod web shares host namespaces (network=<NA> pid=true ipc=<NA>)',
    );
    assert.equal(
      alertFor('untrusted-node-unsuccessfully-tried-to-join-the-cluster.trigger', 'Guard Failed Node Join')
        ?.output,
      'node worker-7 failed to join (403 Forbidden)',
    );
    assert.equal(
      alertFor('ingress-object-without-tls-certificate-created.trigger', 'Guard Ingress Without TLS')?.output,
      'ingress web has no TLS (shop.example.com)',
    );
  });

  it('keeps the secret-read exception for the CI bot in its namespace only', () => {
    const read = eventById(events, 'k8s-secret-get-successfully.trigger');
    const byBot = { ...read, user: { username: 'ci-bot', groups: ['system:authenticated'] } };
    const inCi = {
      ...byBot,
      objectRef: { resource: 'secrets', namespace: 'ci', name: 'token', apiVersion: 'v1' },
    };
    assert.equal(ruleset.match(byBot).length, 1);
    assert.equal(ruleset.match(inCi).length, 0);
  });
});
