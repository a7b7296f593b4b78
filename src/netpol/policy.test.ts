// Defaults and validation from kubernetes/kubernetes:pkg/apis/networking/v1/defaults.go (SetDefaults_NetworkPolicy)
// and pkg/apis/networking/validation/validation.go, with field meanings from kubernetes/api:networking/v1/types.go.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadSources } from '../load/load.ts';
import { buildInventory } from '../model/inventory.ts';
import { policiesOf } from './policy.ts';
import type { NetworkPolicy } from './policy.ts';

function parse(spec: string): NetworkPolicy {
  const text = `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: x}\nspec:\n${spec}`;
  const [policy] = policiesOf(
    buildInventory(loadSources([{ file: 'p.yaml', text, format: 'yaml', named: true }]).resources),
  );
  assert.ok(policy);
  return policy;
}

describe('NetworkPolicy defaults (defaults.go)', () => {
  it('infers Ingress only when policyTypes is omitted and egress is empty or absent', () => {
    for (const spec of [
      '  podSelector: {}\n',
      '  podSelector: {}\n  egress: []\n',
      '  podSelector:\n',
      '  podSelector: {}\n  policyTypes: []\n',
    ]) {
      const policy = parse(spec);
      assert.deepEqual(policy.isolates, { ingress: true, egress: false });
      assert.ok(policy.policyTypesInferred);
    }
  });

  it('adds Egress when policyTypes is omitted and egress has a rule', () => {
    assert.deepEqual(parse('  podSelector: {}\n  egress: [{}]\n').isolates, { ingress: true, egress: true });
  });

  it('keeps explicit policyTypes, even Egress only with ingress rules present', () => {
    const policy = parse('  podSelector: {}\n  policyTypes: [Egress]\n  ingress: [{}]\n');
    assert.deepEqual(policy.isolates, { ingress: false, egress: true });
    assert.ok(!policy.policyTypesInferred);
  });

  it('defaults a port protocol to TCP and keeps UDP and SCTP', () => {
    const policy = parse(
      '  podSelector: {}\n  ingress: [{ports: [{port: 80}, {protocol: UDP, port: 53}, {protocol: SCTP}]}]\n',
    );
    assert.deepEqual(
      policy.ingress[0]?.ports?.map((port) => [port.protocol, port.port, port.endPort]),
      [
        ['TCP', 80, 80],
        ['UDP', 53, 53],
        ['SCTP', undefined, undefined],
      ],
    );
  });

  it('treats a null podSelector as the empty selector (the guide default-deny)', () => {
    assert.deepEqual(parse('  podSelector:\n').podSelector, {});
  });

  it('tells an absent from list (all peers) from a list of peers', () => {
    const policy = parse('  podSelector: {}\n  ingress: [{}, {from: [{podSelector: {}}]}, {from: []}]\n');
    assert.equal(policy.ingress[0]?.peers, undefined);
    assert.equal(policy.ingress[1]?.peers?.length, 1);
    assert.equal(policy.ingress[2]?.peers, undefined);
  });
});

describe('NetworkPolicy validation (validation.go): invalid parts match nothing and are reported', () => {
  it('rejects an empty peer {}', () => {
    const policy = parse('  podSelector: {}\n  ingress: [{from: [{}]}]\n');
    assert.deepEqual(policy.ingress[0]?.peers, []);
    assert.match(policy.problems[0]?.message ?? '', /peer selects nothing/);
  });

  it('rejects an ipBlock combined with a selector and an except outside the cidr', () => {
    const policy = parse(
      '  podSelector: {}\n  ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/8}, podSelector: {}}, {ipBlock: {cidr: 10.0.0.0/8, except: [192.168.0.0/16]}}]}]\n',
    );
    assert.deepEqual(policy.ingress[0]?.peers, []);
    assert.equal(policy.problems.length, 2);
  });

  it('accepts endPort after a numeric port and rejects it after a named port or below port', () => {
    const ok = parse('  podSelector: {}\n  ingress: [{ports: [{port: 32000, endPort: 32768}]}]\n');
    assert.equal(ok.ingress[0]?.ports?.[0]?.endPort, 32768);
    assert.deepEqual(ok.problems, []);
    const bad = parse(
      '  podSelector: {}\n  ingress: [{ports: [{port: http, endPort: 90}, {port: 90, endPort: 80}]}]\n',
    );
    assert.deepEqual(bad.ingress[0]?.ports, []);
    assert.equal(bad.problems.length, 2);
  });

  it('rejects an except equal to its cidr (must be a strict subset) and accepts a narrower one', () => {
    const policy = parse(
      '  podSelector: {}\n  ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.0.0.0/8]}}, {ipBlock: {cidr: 10.0.0.0/8, except: [10.0.0.0/9]}}]}]\n',
    );
    assert.equal(policy.ingress[0]?.peers?.length, 1);
    assert.match(policy.problems[0]?.message ?? '', /strictly inside/);
  });

  it('rejects protocols other than TCP, UDP and SCTP', () => {
    const policy = parse('  podSelector: {}\n  ingress: [{ports: [{protocol: ICMP}]}]\n');
    assert.deepEqual(policy.ingress[0]?.ports, []);
    assert.match(policy.problems[0]?.message ?? '', /unsupported protocol "ICMP"/);
  });
});
