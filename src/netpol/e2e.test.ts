// The Kubernetes e2e network-policy scenarios (kubernetes/kubernetes:test/e2e/network/netpol/network_policy.go),
// replayed statically: namespaces x, y, z; pods labelled pod=<name> serving 80 and 81 over TCP, UDP and SCTP
// on ports named serve-<port>-<proto>; every pair allowed unless the scenario says otherwise; loopback ignored.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadSources } from '../load/load.ts';
import { buildInventory } from '../model/inventory.ts';
import type { NetpolModel } from './engine.ts';
import { buildNetpolModel } from './engine.ts';
import type { Protocol } from './ports.ts';
import { findWorkloads, isAllowed, workloadEndpoint } from './query.ts';

type Manifest = Record<string, unknown>;

const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];

function pod(ref: string, ip: string | undefined, labels: Record<string, string> = {}): Manifest {
  const [namespace = '', name = ''] = ref.split('/');
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels: { pod: name, ...labels } },
    spec: {
      containers: [80, 81].flatMap((port) =>
        PROTOCOLS.map((protocol) => ({
          name: `c${port}-${protocol.toLowerCase()}`,
          image: 'agnhost',
          ports: [{ containerPort: port, protocol, name: `serve-${port}-${protocol.toLowerCase()}` }],
        })),
      ),
    },
    ...(ip === undefined ? {} : { status: { podIP: ip } }),
  };
}

/** A policy in namespace x unless the spec names another. */
function policy(name: string, spec: Manifest, namespace = 'x'): Manifest {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec };
}

const ALL_PODS = ['x/a', 'x/b', 'x/c', 'y/a', 'y/b', 'y/c', 'z/a', 'z/b', 'z/c'];

function ipOf(ref: string): string {
  return `10.0.${ALL_PODS.indexOf(ref)}.10`;
}

function cluster(
  pods: readonly string[],
  policies: readonly Manifest[],
  namespaceLabels: Record<string, Record<string, string>> = {},
  ipBlockMatchesPods = true,
  podLabels: Record<string, Record<string, string>> = {},
): NetpolModel {
  const namespaces = ['x', 'y', 'z'].map((name) => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: namespaceLabels[name] ?? {} },
  }));
  const documents = [...namespaces, ...pods.map((ref) => pod(ref, ipOf(ref), podLabels[ref])), ...policies];
  const text = documents.map((document) => JSON.stringify(document)).join('\n---\n');
  const { resources, diagnostics } = loadSources([
    { file: 'cluster.yaml', text, format: 'yaml', named: true },
  ]);
  assert.deepEqual(diagnostics, []);
  return buildNetpolModel(buildInventory(resources), { ipBlockMatchesPods });
}

function matches(pattern: string, ref: string): boolean {
  if (pattern === '*') return true;
  const [namespace, name] = pattern.split('/');
  const [refNamespace, refName] = ref.split('/');
  return namespace === refNamespace && (name === '*' || name === refName);
}

interface Expectation {
  readonly port: number;
  readonly protocol?: Protocol;
  readonly deny?: readonly string[];
  readonly allow?: readonly string[];
}

/** Asserts the whole truth table: allowed by default, `deny` pairs blocked, `allow` pairs re-allowed. */
function expectTable(model: NetpolModel, pods: readonly string[], expectation: Expectation): void {
  const protocol = expectation.protocol ?? 'TCP';
  const wrong: string[] = [];
  for (const from of pods) {
    for (const to of pods) {
      if (from === to) continue;
      const hit = (patterns: readonly string[] | undefined): boolean =>
        (patterns ?? []).some((pair) => {
          const [source = '', destination = ''] = pair.split('->');
          return matches(source, from) && matches(destination, to);
        });
      const expected = hit(expectation.allow) || !hit(expectation.deny);
      const source = findWorkloads(model, from)[0];
      const destination = findWorkloads(model, to)[0];
      assert.ok(source && destination);
      const sourceEndpoint = workloadEndpoint(model, source);
      const destinationEndpoint = workloadEndpoint(model, destination);
      assert.ok(sourceEndpoint && destinationEndpoint);
      const actual = isAllowed(model, sourceEndpoint, destinationEndpoint, protocol, expectation.port);
      if (actual !== expected)
        wrong.push(
          `${from}->${to} ${protocol}/${expectation.port}: expected ${expected ? 'allowed' : 'denied'}`,
        );
    }
  }
  assert.deepEqual(wrong, []);
}

const nsNotIn = (values: string[]): Manifest => ({
  matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values }],
});
const nsIs = (name: string): Manifest => ({ matchLabels: { 'kubernetes.io/metadata.name': name } });
const podIs = (name: string): Manifest => ({ matchLabels: { pod: name } });

describe('kubernetes e2e netpol scenarios', () => {
  it('#1 default-deny-ingress: *→x/* denied', () => {
    const pods = ['x/a', 'x/b', 'y/a', 'y/b'];
    const model = cluster(pods, [policy('deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] })]);
    for (const protocol of PROTOCOLS) expectTable(model, pods, { port: 80, protocol, deny: ['*->x/*'] });
  });

  it('#2 default-deny-all: *→x/* and x/*→* denied', () => {
    const pods = ['x/a', 'x/b', 'y/a'];
    const model = cluster(pods, [
      policy('deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
    ]);
    expectTable(model, pods, { port: 80, deny: ['*->x/*', 'x/*->*'] });
  });

  it('#3 ingress from pods in the namespace by podSelector', () => {
    const pods = ['x/a', 'x/b', 'x/c', 'y/a'];
    const model = cluster(pods, [
      policy('p', { podSelector: podIs('a'), ingress: [{ from: [{ podSelector: podIs('b') }] }] }),
    ]);
    expectTable(model, pods, { port: 80, deny: ['*->x/a'], allow: ['x/b->x/a'] });
  });

  it('#4 allow ingress for a target with {podSelector:{}, namespaceSelector:{}}', () => {
    const pods = ['x/a', 'x/b', 'y/a'];
    const model = cluster(pods, [
      policy('deny', { podSelector: {}, policyTypes: ['Ingress'] }),
      policy('allow-a', {
        podSelector: podIs('a'),
        ingress: [{ from: [{ podSelector: {}, namespaceSelector: {} }] }],
      }),
    ]);
    expectTable(model, pods, { port: 80, deny: ['*->x/b'] });
  });

  it('#5 ingress from all namespaces (namespaceSelector {})', () => {
    const pods = ['x/a', 'x/b', 'y/a', 'z/a'];
    const model = cluster(pods, [
      policy('p', { podSelector: podIs('a'), ingress: [{ from: [{ namespaceSelector: {} }] }] }),
    ]);
    expectTable(model, pods, { port: 80 });
  });

  it('#6 ingress only from namespace y (NamespaceSelector)', () => {
    const pods = ['x/a', 'x/b', 'y/a', 'z/a'];
    const model = cluster(pods, [
      policy('p', { podSelector: podIs('a'), ingress: [{ from: [{ namespaceSelector: nsIs('y') }] }] }),
    ]);
    expectTable(model, pods, { port: 80, deny: ['x/*->x/a', 'z/*->x/a'] });
  });

  it('#7 matchExpressions pod In [b]', () => {
    const pods = ['x/a', 'x/b', 'y/a'];
    const model = cluster(pods, [
      policy('p', {
        podSelector: podIs('a'),
        ingress: [
          { from: [{ podSelector: { matchExpressions: [{ key: 'pod', operator: 'In', values: ['b'] }] } }] },
        ],
      }),
    ]);
    expectTable(model, pods, { port: 80, deny: ['*->x/a'], allow: ['x/b->x/a'] });
  });

  it('#8 PodSelector OR NamespaceSelector (two peers)', () => {
    const pods = ['x/a', 'x/b', 'x/c', 'y/a'];
    const model = cluster(pods, [
      policy('p', {
        podSelector: podIs('a'),
        ingress: [{ from: [{ namespaceSelector: nsNotIn(['x']) }, { podSelector: podIs('b') }] }],
      }),
    ]);
    expectTable(model, pods, { port: 80, deny: ['x/c->x/a'] });
  });

  it('#9 PodSelector AND NamespaceSelector (one peer)', () => {
    const pods = ['x/a', 'x/b', 'y/a', 'y/b', 'z/b'];
    const model = cluster(pods, [
      policy('p', {
        podSelector: podIs('a'),
        ingress: [{ from: [{ namespaceSelector: nsNotIn(['x']), podSelector: podIs('b') }] }],
      }),
    ]);
    for (const protocol of PROTOCOLS)
      expectTable(model, pods, { port: 80, protocol, deny: ['*->x/a'], allow: ['y/b->x/a', 'z/b->x/a'] });
  });

  it('#10 multiple pod and namespace selectors (pod In [b,c])', () => {
    const pods = ['x/a', 'x/b', 'y/a', 'y/b', 'y/c'];
    const model = cluster(pods, [
      policy('p', {
        podSelector: podIs('a'),
        ingress: [
          {
            from: [
              {
                namespaceSelector: nsNotIn(['x']),
                podSelector: { matchExpressions: [{ key: 'pod', operator: 'In', values: ['b', 'c'] }] },
              },
            ],
          },
        ],
      }),
    ]);
    expectTable(model, pods, { port: 80, deny: ['x/*->x/a', 'y/a->x/a'] });
  });

  it('#11 any of several podSelectors', () => {
    const pods = ['x/a', 'x/b', 'x/c'];
    const model = cluster(pods, [
      policy('p', {
        podSelector: podIs('a'),
        ingress: [{ from: [{ podSelector: podIs('b') }, { podSelector: podIs('c') }] }],
      }),
    ]);
    expectTable(model, pods, { port: 80, deny: ['*->x/a'], allow: ['x/b->x/a', 'x/c->x/a'] });
  });

  const ports81 = policy('allow-81', {
    podSelector: podIs('a'),
    ingress: [{ from: [{ namespaceSelector: nsIs('y') }], ports: [{ port: 81, protocol: 'TCP' }] }],
  });

  it('#12 ingress from namespace y on TCP 81 only', () => {
    const pods = ['x/a', 'x/b', 'y/a', 'y/b', 'z/a'];
    const model = cluster(pods, [ports81]);
    expectTable(model, pods, { port: 81, deny: ['x/*->x/a', 'z/*->x/a'] });
    expectTable(model, pods, { port: 80, deny: ['*->x/a'] });
  });

  it('#13 stacked policies with overlapping podSelectors are a union', () => {
    const pods = ['x/a', 'x/b', 'y/a', 'y/b', 'z/a'];
    const model = cluster(pods, [
      ports81,
      policy('allow-80', {
        podSelector: podIs('a'),
        ingress: [{ from: [{ namespaceSelector: nsIs('y') }], ports: [{ port: 80, protocol: 'TCP' }] }],
      }),
    ]);
    expectTable(model, pods, { port: 80, deny: ['x/*->x/a', 'z/*->x/a'] });
    expectTable(model, pods, { port: 81, deny: ['x/*->x/a', 'z/*->x/a'] });
  });

  it('#14 allow-all: one empty ingress rule', () => {
    const pods = ['x/a', 'x/b', 'y/a'];
    const model = cluster(pods, [policy('allow-all', { podSelector: {}, ingress: [{}] })]);
    expectTable(model, pods, { port: 80 });
    expectTable(model, pods, { port: 81, protocol: 'UDP' });
  });

  it('#15 ingress on one named port (serve-81-tcp)', () => {
    const pods = ['x/a', 'x/b', 'y/a'];
    const model = cluster(pods, [
      policy('p', { podSelector: {}, ingress: [{ ports: [{ port: 'serve-81-tcp' }] }] }),
    ]);
    expectTable(model, pods, { port: 81 });
    expectTable(model, pods, { port: 80, deny: ['*->x/*'] });
    expectTable(model, pods, { port: 81, protocol: 'UDP', deny: ['*->x/*'] });
  });

  it('#16 egress on one named port (serve-80-tcp)', () => {
    const pods = ['x/a', 'y/a'];
    const model = cluster(pods, [
      policy('p', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ ports: [{ port: 'serve-80-tcp' }] }],
      }),
    ]);
    expectTable(model, pods, { port: 80 });
    expectTable(model, pods, { port: 81, deny: ['x/*->*'] });
  });

  it('#17 deny ingress from other namespaces (from podSelector {})', () => {
    const pods = ['x/a', 'x/b', 'y/a', 'z/a'];
    const model = cluster(pods, [
      policy('p', { podSelector: {}, ingress: [{ from: [{ podSelector: {} }] }] }),
    ]);
    expectTable(model, pods, { port: 80, deny: ['y/*->x/*', 'z/*->x/*'] });
  });

  it('#18 deny egress by podSelector', () => {
    const pods = ['x/a', 'x/b', 'y/a'];
    const model = cluster(pods, [policy('p', { podSelector: podIs('a'), policyTypes: ['Egress'] })]);
    expectTable(model, pods, { port: 80, deny: ['x/a->*'] });
  });

  it('#19 ingress and egress together', () => {
    const pods = ['x/a', 'x/b', 'x/c', 'y/a'];
    const model = cluster(pods, [
      policy('p', {
        podSelector: podIs('a'),
        policyTypes: ['Ingress', 'Egress'],
        ingress: [{ from: [{ podSelector: podIs('b') }] }],
        egress: [{ ports: [{ port: 80, protocol: 'TCP' }] }],
      }),
    ]);
    expectTable(model, pods, { port: 80, deny: ['*->x/a'], allow: ['x/b->x/a'] });
    expectTable(model, pods, { port: 81, deny: ['*->x/a', 'x/a->*'], allow: ['x/b->x/a'] });
  });

  it('#20 client-side egress deny wins over server-side allow', () => {
    const pods = ['x/a', 'y/a', 'y/b'];
    const model = cluster(pods, [
      policy('x-egress', {
        podSelector: podIs('a'),
        policyTypes: ['Egress'],
        egress: [{ to: [{ namespaceSelector: nsIs('y'), podSelector: podIs('a') }] }],
      }),
      policy(
        'y-ingress',
        {
          podSelector: { matchExpressions: [{ key: 'pod', operator: 'In', values: ['a', 'b'] }] },
          ingress: [{ from: [{ namespaceSelector: nsIs('x'), podSelector: podIs('a') }] }],
        },
        'y',
      ),
    ]);
    expectTable(model, pods, { port: 80, deny: ['x/a->*', '*->y/a', '*->y/b'], allow: ['x/a->y/a'] });
  });

  it('#21 any port of one protocol (ports: [{protocol: TCP}])', () => {
    const pods = ['x/a', 'y/a'];
    const model = cluster(pods, [
      policy('p', { podSelector: podIs('a'), ingress: [{ ports: [{ protocol: 'TCP' }] }] }),
    ]);
    expectTable(model, pods, { port: 80 });
    expectTable(model, pods, { port: 80, protocol: 'UDP', deny: ['*->x/a'] });
  });

  it('#22 an ingress allow-all rule takes precedence over a port-limited policy', () => {
    const pods = ['x/a', 'y/a'];
    const limited = policy('only-80', { podSelector: {}, ingress: [{ ports: [{ port: 80 }] }] });
    expectTable(cluster(pods, [limited]), pods, { port: 81, deny: ['*->x/*'] });
    const both = cluster(pods, [limited, policy('all', { podSelector: {}, ingress: [{}] })]);
    expectTable(both, pods, { port: 81 });
    expectTable(both, pods, { port: 80 });
  });

  it('#23 egress to a CIDR (server pod IP /32), ipBlocks matching pod IPs', () => {
    const pods = ['x/a', 'y/a', 'y/b'];
    const model = cluster(pods, [
      policy('p', {
        podSelector: podIs('a'),
        policyTypes: ['Egress'],
        egress: [{ to: [{ ipBlock: { cidr: `${ipOf('y/b')}/32` } }] }],
      }),
    ]);
    expectTable(model, pods, { port: 80, deny: ['x/a->*'], allow: ['x/a->y/b'] });
  });

  it('#23b the same policy when ipBlocks do not match pods (np-guard reading): x/a reaches no pod', () => {
    const pods = ['x/a', 'y/a', 'y/b'];
    const model = cluster(
      pods,
      [
        policy('p', {
          podSelector: podIs('a'),
          policyTypes: ['Egress'],
          egress: [{ to: [{ ipBlock: { cidr: `${ipOf('y/b')}/32` } }] }],
        }),
      ],
      {},
      false,
    );
    expectTable(model, pods, { port: 80, deny: ['x/a->*'] });
  });

  it('#24 except clause carves a pod out of the CIDR', () => {
    const pods = ['x/a', 'x/b', 'x/c'];
    const model = cluster(pods, [
      policy('p', {
        podSelector: podIs('a'),
        policyTypes: ['Egress'],
        egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/16', except: [`${ipOf('x/b')}/32`] } }] }],
      }),
    ]);
    expectTable(model, pods, { port: 80, deny: ['x/a->x/b'] });
  });

  it('#25 an IP both in an except and in another allowed CIDR is allowed (union)', () => {
    const pods = ['x/a', 'x/b', 'x/c'];
    const model = cluster(pods, [
      policy('p', {
        podSelector: podIs('a'),
        policyTypes: ['Egress'],
        egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/16', except: [`${ipOf('x/b')}/32`] } }] }],
      }),
      policy('q', {
        podSelector: podIs('a'),
        policyTypes: ['Egress'],
        egress: [{ to: [{ ipBlock: { cidr: `${ipOf('x/b')}/32` } }] }],
      }),
    ]);
    expectTable(model, pods, { port: 80 });
  });

  it('#26 an SCTP-only allow does not admit TCP', () => {
    const pods = ['x/a', 'y/a'];
    const model = cluster(pods, [
      policy('deny', { podSelector: {}, policyTypes: ['Ingress'] }),
      policy('sctp', { podSelector: podIs('a'), ingress: [{ ports: [{ port: 81, protocol: 'SCTP' }] }] }),
    ]);
    expectTable(model, pods, { port: 81, deny: ['*->x/*'] });
    expectTable(model, pods, { port: 81, protocol: 'SCTP' });
  });

  it('#27 a UDP-only allow does not admit TCP', () => {
    const pods = ['x/a', 'y/a'];
    const model = cluster(pods, [
      policy('udp', { podSelector: podIs('a'), ingress: [{ ports: [{ port: 81, protocol: 'UDP' }] }] }),
    ]);
    expectTable(model, pods, { port: 81, deny: ['*->x/a'] });
    expectTable(model, pods, { port: 81, protocol: 'UDP' });
  });

  it('#28 egress to namespaces NotIn [y] through the default name label', () => {
    const pods = ['x/a', 'x/b', 'y/a', 'z/a'];
    const model = cluster(pods, [
      policy('p', {
        podSelector: podIs('a'),
        policyTypes: ['Egress'],
        egress: [{ to: [{ namespaceSelector: nsNotIn(['y']) }] }],
      }),
    ]);
    expectTable(model, pods, { port: 80, deny: ['x/a->y/*'] });
  });

  it('label change flips reachability: namespace y relabelled ns=y admits #6-style traffic by label', () => {
    const pods = ['x/a', 'y/a', 'z/a'];
    const rule = policy('p', {
      podSelector: podIs('a'),
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { ns: 'y' } } }] }],
    });
    expectTable(cluster(pods, [rule]), pods, { port: 80, deny: ['*->x/a'] });
    expectTable(cluster(pods, [rule], { y: { ns: 'y' } }), pods, {
      port: 80,
      deny: ['*->x/a'],
      allow: ['y/a->x/a'],
    });
  });

  for (const protocol of ['UDP', 'SCTP'] as const) {
    it(`#12 ${protocol} copy: ingress from namespace y on ${protocol} 81 only`, () => {
      const pods = ['x/a', 'x/b', 'y/a', 'y/b', 'z/a'];
      const model = cluster(pods, [
        policy('allow-81', {
          podSelector: podIs('a'),
          ingress: [{ from: [{ namespaceSelector: nsIs('y') }], ports: [{ port: 81, protocol }] }],
        }),
      ]);
      expectTable(model, pods, { port: 81, protocol, deny: ['x/*->x/a', 'z/*->x/a'] });
      expectTable(model, pods, { port: 81, protocol: 'TCP', deny: ['*->x/a'] });
    });
  }

  it('pod label change flips reachability: x/c labelled role=client is admitted', () => {
    const pods = ['x/a', 'x/b', 'x/c'];
    const rule = policy('p', {
      podSelector: podIs('a'),
      ingress: [{ from: [{ podSelector: { matchLabels: { role: 'client' } } }] }],
    });
    expectTable(cluster(pods, [rule]), pods, { port: 80, deny: ['*->x/a'] });
    expectTable(cluster(pods, [rule], {}, true, { 'x/c': { role: 'client' } }), pods, {
      port: 80,
      deny: ['*->x/a'],
      allow: ['x/c->x/a'],
    });
  });

  it('policy deletion restores every connection', () => {
    const pods = ['x/a', 'x/b', 'y/a'];
    expectTable(cluster(pods, []), pods, { port: 80 });
  });

  it('endPort: a port range 80..81 on TCP', () => {
    const pods = ['x/a', 'y/a'];
    const model = cluster(pods, [
      policy('range', { podSelector: podIs('a'), ingress: [{ ports: [{ port: 80, endPort: 81 }] }] }),
    ]);
    expectTable(model, pods, { port: 80 });
    expectTable(model, pods, { port: 81 });
    expectTable(model, pods, { port: 82, deny: ['*->x/a'] });
  });
});
