// `netpol assert` on ClusterNetworkPolicies (policy.networking.k8s.io/v1alpha2), over
// testdata/netpol/cnp: an Admin-tier CNP in payments (Accept shop on the named port postgres, Pass
// ops, Deny the rest of shop) and a Baseline-tier one (Accept ops on TCP 9100-9199, Deny the rest).
// Semantics relied on, from kubernetes-sigs/network-policy-api:
// - apis/v1alpha2/clusternetworkpolicy_types.go, ClusterNetworkPolicySpec.Tier: tiers are evaluated
//   Admin, then NetworkPolicy, then Baseline; Accept and Deny are final within each; a connection no
//   tier decides is allowed. ClusterNetworkPolicyRuleActionPass skips the rest of the current tier.
// - the same file, ClusterNetworkPolicyProtocol.DestinationNamedPort: a port named on the destination pod.
// - conformance/base/api_integration/standard-anp-np-banp.yaml with
//   conformance/tests/admin-network-policy-standard-integration.go: Admin Pass handing over to the
//   tiers below it.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { load } from '../load/load.ts';
import { buildInventory } from '../model/inventory.ts';
import type { AssertionResult } from './assert.ts';
import { evaluateAssertions } from './assert.ts';
import { buildNetpolModel } from './engine.ts';
import { parseNetassert } from './netassert.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', 'testdata', 'netpol', 'cnp');

/** netassert v2 tests from one deployment to another (exitCode 0: must connect, 1: must not). */
function test(name: string, from: string, to: string, port: number, open: boolean): string {
  const end = (workload: string): string => {
    const [namespace, deployment] = workload.split('/');
    return `{k8sResource: {kind: deployment, name: ${String(deployment)}, namespace: ${String(namespace)}}}`;
  };
  return `- {name: ${name}, type: k8s, protocol: tcp, targetPort: ${String(port)}, exitCode: ${open ? '0' : '1'}, src: ${end(from)}, dst: ${end(to)}}`;
}

async function assertOn(...tests: string[]): Promise<string[]> {
  const loaded = await load([FIXTURES], { recursive: true });
  assert.deepEqual(loaded.diagnostics, []);
  const inventory = buildInventory(loaded.resources);
  const results: AssertionResult[] = evaluateAssertions(
    buildNetpolModel(inventory),
    inventory,
    parseNetassert('tests.yaml', tests.join('\n')),
  );
  return results.map((result) => `${result.status} ${result.assertion.name}: ${result.reason}`);
}

describe('netpol assert on ClusterNetworkPolicies', () => {
  it('passes what the tiers decide: Admin Accept on a named port, Admin Deny, Admin Pass to a Baseline Accept', async () => {
    assert.deepEqual(
      await assertOn(
        test('shop-reaches-postgres', 'shop/web', 'payments/db', 5432, true),
        test('shop-denied-metrics', 'shop/web', 'payments/db', 9187, false),
        test('ops-scrapes-metrics', 'monitoring/scraper', 'payments/db', 9187, true),
        test('ops-denied-postgres', 'monitoring/scraper', 'payments/db', 5432, false),
      ),
      [
        'pass shop-reaches-postgres: web -> db:5432 open',
        'pass shop-denied-metrics: web -> db:9187 closed',
        'pass ops-scrapes-metrics: scraper -> db:9187 open',
        'pass ops-denied-postgres: scraper -> db:5432 closed',
      ],
    );
  });

  it('fails, saying why, where the expectation contradicts a tier: the Admin Accept, the Baseline Deny after a Pass', async () => {
    assert.deepEqual(
      await assertOn(
        test('shop-kept-from-postgres', 'shop/web', 'payments/db', 5432, false),
        test('ops-reaches-postgres', 'monitoring/scraper', 'payments/db', 5432, true),
      ),
      [
        'fail shop-kept-from-postgres: expected closed, policy makes it open: web -> db:5432 open',
        'fail ops-reaches-postgres: expected open, policy makes it closed: scraper -> db:5432 closed',
      ],
    );
  });
});
