// Exposure from the policies' peers as sets. The NetworkPolicy readings are those of the field docs
// in kubernetes/api networking/v1/types.go: NetworkPolicyPeer.namespaceSelector "if present but
// empty, it selects all namespaces", and without it podSelector "selects the pods matching podSelector
// in the policy's own namespace"; NetworkPolicyIngressRule.from "empty or missing" matches all
// sources; NetworkPolicySpec.ingress: traffic is allowed when no NetworkPolicy selects the pod;
// IPBlock.except: CIDRs "not included within this rule".
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadSources } from '../load/load.ts';
import { buildInventory } from '../model/inventory.ts';
import type { ExposureKind } from './exposure.ts';
import { exposureOf } from './exposure.ts';
import { buildNetpolModel } from './engine.ts';
import { formatPorts } from './ports.ts';
import { workloadName } from './query.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', 'testdata', 'netpol', 'exposure');

type Summary = Record<string, { exposed: boolean; ingress: string[]; egress: string[] }>;

function summary(files: readonly string[], documents: readonly unknown[] = []): Summary {
  const { resources, diagnostics } = loadSources([
    ...files.map((file) => ({
      file,
      text: readFileSync(join(FIXTURES, file), 'utf8'),
      format: 'yaml' as const,
      named: true,
    })),
    ...documents.map((document, i) => ({
      file: `extra-${i}.json`,
      text: JSON.stringify(document),
      format: 'json' as const,
      named: true,
    })),
  ]);
  assert.deepEqual(diagnostics, []);
  const inventory = buildInventory(resources);
  const out: Summary = {};
  for (const entry of exposureOf(buildNetpolModel(inventory), inventory)) {
    const text = (kind: ExposureKind, ports: string, peer: string): string => `${kind} ${peer} ${ports}`;
    const describe = (exposure: (typeof entry.ingress.exposures)[number]): string => {
      const peer = exposure.peer;
      const name =
        peer.type === 'addresses'
          ? peer.text
          : peer.type === 'pods' && exposure.kind === 'pods'
            ? peer.pods.map((r) => `${r.key}=${r.values.join('|')}`).join(',')
            : exposure.namespaces.join(',');
      return text(exposure.kind, formatPorts(exposure.ports), name).replace(/ {2}/g, ' ');
    };
    for (const workload of entry.workloads)
      out[workloadName(workload)] = {
        exposed: entry.exposed,
        ingress: entry.ingress.exposures.map(describe),
        egress: entry.egress.exposures.map(describe),
      };
  }
  return out;
}

describe('netpol exposure (engine)', () => {
  const plain = summary(['cluster.yaml']);

  it('names each kind of ingress exposure per port, from the peers as sets', () => {
    assert.deepEqual(plain['deployment/shop/web']?.ingress, ['cluster TCP:8080']);
    assert.deepEqual(plain['deployment/shop/api']?.ingress, [
      'namespaces monitoring TCP:9090',
      'pods app=web TCP:9000',
    ]);
    assert.deepEqual(plain['statefulset/shop/db']?.ingress, ['namespace TCP:5432']);
    assert.deepEqual(plain['deployment/shop/edge']?.ingress, [
      'external 0.0.0.0/0 TCP:443',
      'external 10.0.0.0/8 except 10.1.0.0/16 TCP:8443',
    ]);
    assert.deepEqual(plain['deployment/shop/legacy']?.ingress, ['unrestricted all']);
  });

  it('marks as exposed only what any namespace, an outside address or no policy reaches', () => {
    const exposed = Object.entries(plain)
      .filter(([, entry]) => entry.exposed)
      .map(([name]) => name);
    assert.deepEqual(exposed, ['deployment/shop/web', 'deployment/shop/edge', 'deployment/shop/legacy']);
  });

  it('summarises egress the same way: a rule without `to` on UDP 53 is every pod and address', () => {
    assert.deepEqual(plain['statefulset/shop/db']?.egress, ['everywhere UDP:53']);
    assert.deepEqual(plain['deployment/shop/web']?.egress, ['unrestricted all']);
  });

  it('a pod-selector peer in every namespace is labelled pods of any namespace, and counts as exposed', () => {
    const labelled = summary(
      ['cluster.yaml'],
      [
        {
          apiVersion: 'networking.k8s.io/v1',
          kind: 'NetworkPolicy',
          metadata: { name: 'db-from-any-app', namespace: 'shop' },
          spec: {
            podSelector: { matchLabels: { app: 'db' } },
            ingress: [
              {
                from: [{ namespaceSelector: {}, podSelector: { matchLabels: { role: 'client' } } }],
                ports: [{ port: 5432 }],
              },
            ],
          },
        },
      ],
    );
    assert.deepEqual(labelled['statefulset/shop/db']?.ingress, [
      'namespace TCP:5432',
      'pods role=client TCP:5432',
    ]);
    assert.equal(labelled['statefulset/shop/db']?.exposed, true);
  });

  it('a narrower set loses the ports a broader one already lists, and is dropped when none is left', () => {
    const wide = summary(
      ['cluster.yaml'],
      [
        {
          apiVersion: 'networking.k8s.io/v1',
          kind: 'NetworkPolicy',
          metadata: { name: 'db-from-cluster', namespace: 'shop' },
          spec: {
            podSelector: { matchLabels: { app: 'db' } },
            ingress: [{ from: [{ namespaceSelector: {} }], ports: [{ port: 5432 }, { port: 9187 }] }],
          },
        },
      ],
    );
    assert.deepEqual(wide['statefulset/shop/db']?.ingress, ['cluster TCP:5432,9187']);
  });

  it('honours the admin tiers: an ANP Allow opens the cluster, an ANP Deny and the BANP narrow', () => {
    const tiers = summary(['cluster.yaml', 'admin.yaml']);
    // ANP platform allows every pod of every namespace on TCP 8081 before any NetworkPolicy.
    assert.equal(tiers['deployment/shop/api']?.ingress[0], 'cluster TCP:8081');
    // It denies namespaces team=ops: api's rule for team=ops opens nothing any more.
    assert.deepEqual(tiers['deployment/shop/api']?.ingress, ['cluster TCP:8081', 'pods app=web TCP:9000']);
    // web: every namespace but team=ops on 8080; the whole cluster no longer, its own namespace still.
    assert.deepEqual(tiers['deployment/shop/web']?.ingress, ['cluster TCP:8081', 'namespace TCP:8080']);
    // legacy: no NetworkPolicy, so the BANP decides: it denies every pod, and ANP/BANP ingress
    // rules cannot name addresses, so outside addresses still reach it on every port.
    assert.deepEqual(tiers['deployment/shop/legacy']?.ingress, [
      'cluster TCP:8081',
      'external 0.0.0.0/0 all',
      'external ::/0 all',
    ]);
  });

  it('an ANP Pass for part of a set hands that part to the NetworkPolicies: the set is exposed only if they allow it too', () => {
    const anp = (passTo: unknown): unknown => ({
      apiVersion: 'policy.networking.k8s.io/v1alpha1',
      kind: 'AdminNetworkPolicy',
      metadata: { name: 'pass-ops' },
      spec: {
        priority: 5,
        subject: { namespaces: { matchLabels: { team: 'shop' } } },
        ingress: [
          { name: 'ops-to-networkpolicies', action: 'Pass', from: [{ namespaces: passTo }] },
          {
            name: 'everyone',
            action: 'Allow',
            from: [{ namespaces: {} }],
            ports: [{ portNumber: { protocol: 'TCP', port: 5432 } }],
          },
        ],
      },
    });
    // db's NetworkPolicy admits only its own namespace on 5432: pods of team=ops namespaces are passed to it and refused.
    const partly = summary(['cluster.yaml'], [anp({ matchLabels: { team: 'ops' } })]);
    assert.deepEqual(partly['statefulset/shop/db']?.ingress, ['namespace TCP:5432']);
    // Passing no namespace (team=none selects none of them here, but could): the same, as any pod could be there.
    const none = summary(['cluster.yaml'], [anp({ matchLabels: { team: 'nobody' } })]);
    assert.deepEqual(none['statefulset/shop/db']?.ingress, ['namespace TCP:5432']);
    // Passing only the own namespace, which the NetworkPolicy admits: every pod of the cluster gets 5432.
    const own = summary(['cluster.yaml'], [anp({ matchLabels: { 'kubernetes.io/metadata.name': 'shop' } })]);
    assert.deepEqual(own['statefulset/shop/db']?.ingress, ['cluster TCP:5432']);
  });
});
