// The model indexes pod classes by label to find what a selector selects; whatever the index, the
// selection must be exactly the label-selector semantics (apimachinery labels.Selector, as
// `selectorMatches` implements it) applied to every class: compared here on generated clusters.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadSources } from '../load/load.ts';
import { buildInventory } from '../model/inventory.ts';
import { selectorMatches } from '../model/label-selector.ts';
import type { Mapping } from '../model/path.ts';
import { buildNetpolModel } from './engine.ts';

const NAMESPACES = ['ns-a', 'ns-b', 'ns-c'];
const KEYS = ['app', 'tier', 'team'];
const VALUES = ['x', 'y', 'z'];

/** A deterministic generator (an LCG): the same cluster on every run. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

function clusterText(seed: number): string {
  const random = generator(seed);
  const choose = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const labels = (): Record<string, string> =>
    Object.fromEntries(KEYS.filter(() => random() < 0.6).map((key) => [key, choose(VALUES)]));
  const selector = (): Mapping => {
    const kind = Math.floor(random() * 4);
    if (kind === 0) return {};
    if (kind === 1) return { matchLabels: labels() };
    const operator = choose(['In', 'NotIn', 'Exists', 'DoesNotExist']);
    const expression = {
      key: choose(KEYS),
      operator,
      ...(operator === 'In' || operator === 'NotIn' ? { values: [choose(VALUES), choose(VALUES)] } : {}),
    };
    return kind === 2
      ? { matchExpressions: [expression] }
      : { matchLabels: labels(), matchExpressions: [expression] };
  };
  const documents: unknown[] = NAMESPACES.map((name) => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: { env: choose(['prod', 'dev']) } },
  }));
  for (let i = 0; i < 120; i++)
    documents.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `pod-${String(i)}`, namespace: choose(NAMESPACES), labels: labels() },
      spec: { hostNetwork: random() < 0.05, containers: [{ name: 'c', image: 'i' }] },
    });
  for (let i = 0; i < 60; i++) {
    const namespaced =
      random() < 0.5 ? { namespaceSelector: { matchLabels: { env: choose(['prod', 'dev']) } } } : {};
    // A peer names pods, namespaces or both (an empty peer is invalid API input).
    const peer = random() < 0.5 || Object.keys(namespaced).length === 0 ? { podSelector: selector() } : {};
    documents.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: `policy-${String(i)}`, namespace: choose(NAMESPACES) },
      spec: {
        podSelector: selector(),
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ ...peer, ...namespaced }] }],
      },
    });
  }
  return documents.map((document) => JSON.stringify(document)).join('\n---\n');
}

describe('NetworkPolicy selection through the label index', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`selects exactly what the selectors match (generated cluster ${String(seed)})`, () => {
      const { resources } = loadSources([
        { file: 'c.yaml', text: clusterText(seed), format: 'yaml', named: true },
      ]);
      const inventory = buildInventory(resources);
      const model = buildNetpolModel(inventory);
      const classes = model.pods.classes;
      assert.equal(model.policies.length, 60);
      let selections = 0;
      for (const policy of model.policies) {
        const expected = classes.filter(
          (podClass) =>
            podClass.namespace === policy.namespace &&
            !podClass.hostNetwork &&
            selectorMatches(policy.podSelector, podClass.labels),
        );
        const selected = model.selected.get(policy) ?? [];
        assert.deepEqual(
          selected.map((podClass) => podClass.index),
          expected.map((podClass) => podClass.index),
          `${policy.name} podSelector`,
        );
        selections += selected.length;

        const [rule] = model.rulesOf.get(policy)?.ingress ?? [];
        const [peer] = policy.ingress[0]?.peers ?? [];
        assert.ok(rule && peer?.type === 'pods', policy.name);
        const namespaceSelector = peer.namespaceSelector;
        const inNamespace = (name: string): boolean =>
          namespaceSelector === undefined
            ? name === policy.namespace
            : selectorMatches(namespaceSelector, inventory.namespaces.get(name)?.labels ?? {});
        const peers = classes.filter(
          (podClass) =>
            inNamespace(podClass.namespace) &&
            !podClass.hostNetwork &&
            (peer.podSelector === undefined || selectorMatches(peer.podSelector, podClass.labels)),
        );
        assert.deepEqual(
          classes.filter((podClass) => rule.classes[podClass.index] === 1).map((podClass) => podClass.index),
          peers.map((podClass) => podClass.index),
          `${policy.name} peer`,
        );
      }
      assert.ok(selections > 0, 'the generated policies select something');
    });
  }
});
