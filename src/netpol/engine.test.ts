// Semantics of kubernetes/api:networking/v1/types.go and the website's network-policies.md, one rule per case.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadSources } from '../load/load.ts';
import { buildInventory } from '../model/inventory.ts';
import type { NetpolModel } from './engine.ts';
import { allowedPorts, buildNetpolModel } from './engine.ts';
import { formatPorts } from './ports.ts';
import { end } from '../testing/admin-policies.ts';

function model(text: string, ipBlockMatchesPods = false): NetpolModel {
  const { resources } = loadSources([{ file: 'cluster.yaml', text, format: 'yaml', named: true }]);
  return buildNetpolModel(buildInventory(resources), { ipBlockMatchesPods });
}

function ports(netpol: NetpolModel, from: string, to: string): string {
  return formatPorts(allowedPorts(netpol, end(netpol, from), end(netpol, to)));
}

const pod = (namespace: string, name: string, extra = ''): string =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: "${namespace}", labels: {app: ${name}}}\nspec:\n${extra}  containers: [{name: c, image: i, ports: [{name: http, containerPort: ${name === 'b' ? 8080 : 80}}, {name: dns, containerPort: 53, protocol: UDP}]}]\n---\n`;
const policy = (namespace: string, spec: string): string =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p-${Math.abs(hash(spec))}, namespace: "${namespace}"}\nspec: ${spec}\n---\n`;
function hash(text: string): number {
  let value = 0;
  for (const char of text) value = (value * 31 + char.charCodeAt(0)) | 0;
  return value;
}

describe('NetworkPolicy engine', () => {
  it('isolates each direction independently: an ingress policy leaves egress open', () => {
    const netpol = model(
      pod('x', 'a') +
        pod('x', 'b') +
        policy('x', '{podSelector: {matchLabels: {app: a}}, policyTypes: [Ingress]}'),
    );
    assert.equal(ports(netpol, 'x/b', 'x/a'), 'none');
    assert.equal(ports(netpol, 'x/a', 'x/b'), 'all');
  });

  it('needs both ends: source egress AND destination ingress', () => {
    const netpol = model(
      pod('x', 'a') +
        pod('x', 'b') +
        policy(
          'x',
          '{podSelector: {matchLabels: {app: a}}, policyTypes: [Egress], egress: [{ports: [{port: 80}, {port: 8080}]}]}',
        ) +
        policy(
          'x',
          '{podSelector: {matchLabels: {app: b}}, ingress: [{ports: [{port: 8080}, {port: 9000}]}]}',
        ),
    );
    assert.equal(ports(netpol, 'x/a', 'x/b'), 'TCP:8080');
  });

  it('resolves an ingress named port against the selected pod, with its protocol', () => {
    const netpol = model(
      pod('x', 'a') +
        pod('x', 'b') +
        pod('x', 'c') +
        policy(
          'x',
          '{podSelector: {}, ingress: [{ports: [{port: http}, {port: dns}, {port: dns, protocol: UDP}]}]}',
        ),
    );
    assert.equal(ports(netpol, 'x/c', 'x/a'), 'TCP:80 UDP:53');
    assert.equal(ports(netpol, 'x/c', 'x/b'), 'TCP:8080 UDP:53');
  });

  it('resolves an egress named port against each destination pod; towards an address it matches nothing', () => {
    const netpol = model(
      pod('x', 'a') +
        pod('x', 'b') +
        pod('x', 'c') +
        policy(
          'x',
          '{podSelector: {matchLabels: {app: c}}, policyTypes: [Egress], egress: [{ports: [{port: http}]}]}',
        ),
    );
    assert.equal(ports(netpol, 'x/c', 'x/a'), 'TCP:80');
    assert.equal(ports(netpol, 'x/c', 'x/b'), 'TCP:8080');
    assert.equal(ports(netpol, 'x/c', '203.0.113.9'), 'none');
  });

  it('a rule without from admits addresses; namespaceSelector {} admits every pod but no address', () => {
    const open = model(pod('x', 'a') + policy('x', '{podSelector: {}, ingress: [{}]}'));
    assert.equal(ports(open, '203.0.113.9', 'x/a'), 'all');
    const pods = model(
      pod('x', 'a') +
        pod('y', 'b') +
        policy('x', '{podSelector: {}, ingress: [{from: [{namespaceSelector: {}}]}]}'),
    );
    assert.equal(ports(pods, '203.0.113.9', 'x/a'), 'none');
    assert.equal(ports(pods, 'y/b', 'x/a'), 'all');
  });

  it('ipBlock with except, IPv4 and IPv6, for addresses outside the cluster', () => {
    const netpol = model(
      pod('x', 'a') +
        policy(
          'x',
          '{podSelector: {}, policyTypes: [Egress], egress: [{to: [{ipBlock: {cidr: 0.0.0.0/0, except: [169.254.169.254/32]}}, {ipBlock: {cidr: "2001:db8::/32"}}]}]}',
        ),
    );
    assert.equal(ports(netpol, 'x/a', '8.8.8.8'), 'all');
    assert.equal(ports(netpol, 'x/a', '169.254.169.254'), 'none');
    assert.equal(ports(netpol, 'x/a', '2001:db8::1'), 'all');
    assert.equal(ports(netpol, 'x/a', 'fd00:ec2::254'), 'none');
  });

  it('ipBlocks match pod addresses only when the switch says so (e2e/Cyclonus vs np-guard)', () => {
    const text =
      pod('x', 'a') +
      `apiVersion: v1\nkind: Pod\nmetadata: {name: b, namespace: "y", labels: {app: b}}\nspec: {containers: [{name: c, image: i}]}\nstatus: {podIP: 10.1.2.3}\n---\n` +
      policy(
        'x',
        '{podSelector: {}, policyTypes: [Egress], egress: [{to: [{ipBlock: {cidr: 10.0.0.0/8}}]}]}',
      );
    assert.equal(ports(model(text, true), 'x/a', 'y/b'), 'all');
    assert.equal(ports(model(text, false), 'x/a', 'y/b'), 'none');
  });

  it('hostNetwork pods are never selected and only match rules without peers', () => {
    const netpol = model(
      pod('x', 'a') +
        pod('x', 'node-agent', '  hostNetwork: true\n') +
        policy(
          'x',
          '{podSelector: {}, policyTypes: [Ingress, Egress], ingress: [{from: [{podSelector: {}}]}], egress: [{to: [{podSelector: {}}]}]}',
        ),
    );
    assert.equal(ports(netpol, 'x/node-agent', 'x/a'), 'none');
    assert.equal(ports(netpol, 'x/a', 'x/node-agent'), 'none');
    assert.equal(ports(netpol, 'x/node-agent', '203.0.113.9'), 'all');
    const open = model(
      pod('x', 'a') +
        pod('x', 'node-agent', '  hostNetwork: true\n') +
        policy('x', '{podSelector: {}, ingress: [{}]}'),
    );
    assert.equal(ports(open, 'x/node-agent', 'x/a'), 'all');
  });

  it('namespaces without a manifest still carry kubernetes.io/metadata.name', () => {
    const netpol = model(
      pod('x', 'a') +
        pod('y', 'b') +
        pod('z', 'c') +
        policy(
          'x',
          '{podSelector: {}, ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: "y"}}}]}]}',
        ),
    );
    assert.equal(ports(netpol, 'y/b', 'x/a'), 'all');
    assert.equal(ports(netpol, 'z/c', 'x/a'), 'none');
  });

  it('a podSelector peer without namespaceSelector stays in the policy namespace', () => {
    const netpol = model(
      pod('x', 'a') +
        pod('y', 'a') +
        pod('x', 'b') +
        policy(
          'x',
          '{podSelector: {matchLabels: {app: b}}, ingress: [{from: [{podSelector: {matchLabels: {app: a}}}]}]}',
        ),
    );
    assert.equal(ports(netpol, 'x/a', 'x/b'), 'all');
    assert.equal(ports(netpol, 'y/a', 'x/b'), 'none');
  });

  it('a policy in another namespace does not select pods with matching labels', () => {
    const netpol = model(
      pod('x', 'a') +
        pod('y', 'b') +
        policy('y', '{podSelector: {matchLabels: {app: a}}, policyTypes: [Ingress]}'),
    );
    assert.equal(ports(netpol, 'y/b', 'x/a'), 'all');
  });

  it('SCTP and endPort ranges combine per protocol', () => {
    const netpol = model(
      pod('x', 'a') +
        pod('x', 'b') +
        policy(
          'x',
          '{podSelector: {matchLabels: {app: a}}, ingress: [{ports: [{protocol: SCTP, port: 9000, endPort: 9010}, {protocol: UDP}]}]}',
        ),
    );
    assert.equal(ports(netpol, 'x/b', 'x/a'), 'UDP:* SCTP:9000-9010');
  });
});
