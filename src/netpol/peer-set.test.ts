// Peer sets: how much of a set of possible peers a rule's peers take in. NetworkPolicyPeer readings
// from kubernetes/api networking/v1/types.go (namespaceSelector "if present but empty, it selects all
// namespaces"; without it, "the policy's own namespace"; IPBlock except "should not be included").
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCidr } from './ip.ts';
import type { NamespaceScope, PeerSet, RulePeers } from './peer-set.ts';
import { asRulePeers, coverage, narrowTo, selectedNamespaces } from './peer-set.ts';
import { rangeSet, rangeSetContains, rangeSetsOverlap, subtractRanges } from './range-set.ts';
import { requirementsOf } from './selector-sets.ts';

function cidr(text: string): NonNullable<ReturnType<typeof parseCidr>> {
  const range = parseCidr(text);
  assert.ok(range, text);
  return range;
}

const shop: NamespaceScope = {
  type: 'own',
  namespace: 'shop',
  labels: { 'kubernetes.io/metadata.name': 'shop', team: 'shop' },
};

function pods(namespaces: NamespaceScope | undefined, selector: unknown = {}): PeerSet {
  assert.ok(namespaces);
  return { type: 'pods', namespaces, pods: requirementsOf(selector) ?? [] };
}

function rule(...sets: PeerSet[]): RulePeers {
  return {
    everywhere: false,
    pods: sets.flatMap((set) => (set.type === 'pods' ? [set] : [])),
    addresses: rangeSet(sets.flatMap((set) => (set.type === 'addresses' ? set.ranges : []))),
  };
}

describe('peer sets', () => {
  const cluster = pods(selectedNamespaces({}));
  const ops = pods(selectedNamespaces({ matchLabels: { team: 'ops' } }));
  const own = pods(shop);
  const web = pods(shop, { matchLabels: { app: 'web' } });

  it('an empty namespaceSelector takes in every pod; a selector of other labels only some, or none of its own namespace', () => {
    assert.equal(coverage(asRulePeers(cluster), ops, false), 'all');
    assert.equal(coverage(asRulePeers(cluster), own, false), 'all');
    assert.equal(coverage(asRulePeers(ops), cluster, false), 'some');
    assert.equal(coverage(asRulePeers(ops), own, false), 'none');
    assert.equal(coverage(asRulePeers(own), web, false), 'all');
    assert.equal(coverage(asRulePeers(web), own, false), 'some');
    assert.equal(coverage(asRulePeers(own), cluster, false), 'some');
  });

  it('a namespace selector that matches the own namespace by its name label takes it in, exactly', () => {
    const byName = pods(selectedNamespaces({ matchLabels: { 'kubernetes.io/metadata.name': 'shop' } }));
    assert.equal(coverage(asRulePeers(byName), own, false), 'all');
    assert.equal(coverage(asRulePeers(own), byName, false), 'all');
    const absent = pods(
      selectedNamespaces({
        matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'DoesNotExist' }],
      }),
    );
    assert.equal(coverage(asRulePeers(absent), cluster, false), 'none');
  });

  it('addresses: contained, overlapping or apart, excepts cut out; pods never match them', () => {
    const ten: PeerSet = {
      type: 'addresses',
      ranges: subtractRanges([cidr('10.0.0.0/8')], [cidr('10.1.0.0/16')]),
      text: '',
    };
    const host = (text: string): PeerSet => ({ type: 'addresses', ranges: [cidr(text)], text });
    assert.equal(coverage(rule(ten), host('10.2.0.0/16'), false), 'all');
    assert.equal(coverage(rule(ten), host('10.1.2.0/24'), false), 'none');
    assert.equal(coverage(rule(ten), host('0.0.0.0/0'), false), 'some');
    assert.equal(coverage(rule(cluster), host('10.2.0.0/16'), false), 'none');
    assert.equal(coverage(rule(ten), cluster, false), 'none');
    assert.equal(coverage(rule(ten), cluster, true), 'some');
    assert.equal(coverage({ everywhere: true, pods: [], addresses: [] }, ten, false), 'all');
    assert.equal(coverage(rule(cluster), { type: 'everywhere' }, false), 'some');
    assert.equal(coverage(rule(), { type: 'everywhere' }, false), 'none');
  });

  it('range sets merge, subtract and compare by the addresses they hold', () => {
    const halves = rangeSet([cidr('10.0.0.128/25'), cidr('10.0.0.0/25')]);
    assert.deepEqual(halves, [cidr('10.0.0.0/24')]);
    assert.equal(rangeSetContains(halves, [cidr('10.0.0.64/26')]), true);
    assert.equal(rangeSetContains(halves, [cidr('10.0.0.0/23')]), false);
    assert.equal(rangeSetsOverlap(halves, [cidr('10.0.1.0/24')]), false);
    assert.equal(rangeSetsOverlap(halves, [cidr('::/0')]), false);
    assert.deepEqual(subtractRanges(halves, [cidr('10.0.0.64/26')]), [
      { family: 4, first: cidr('10.0.0.0/26').first, last: cidr('10.0.0.0/26').last },
      { family: 4, first: cidr('10.0.0.128/25').first, last: cidr('10.0.0.128/25').last },
    ]);
  });

  it('narrows a set to the members one pod peer takes in, or says it cannot', () => {
    assert.deepEqual(narrowTo(cluster, asRulePeers(ops)), ops);
    assert.deepEqual(narrowTo(ops, asRulePeers(own)), undefined);
    assert.deepEqual(narrowTo(cluster, asRulePeers(web)), web);
    const byName = pods(selectedNamespaces({ matchLabels: { team: 'shop' } }));
    assert.deepEqual(narrowTo(byName, asRulePeers(own)), own);
    assert.equal(narrowTo(cluster, rule(ops, web)), undefined);
  });
});
