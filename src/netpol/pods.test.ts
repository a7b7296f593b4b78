import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadSources } from '../load/load.ts';
import { buildInventory } from '../model/inventory.ts';
import type { Inventory } from '../model/inventory.ts';
import { modelledWorkload } from './ingress/modelled-pod.ts';
import { classesLabelled, podClassesOf } from './pods.ts';
import type { PodClasses } from './pods.ts';

function inventory(text: string): Inventory {
  const { resources } = loadSources([{ file: 'cluster.yaml', text, format: 'yaml', named: true }]);
  return buildInventory(resources);
}

const pod = (name: string, labels: string): string =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: x, labels: ${labels}}\nspec: {containers: [{name: c, image: i}]}\n---\n`;

function summary(classes: PodClasses): string[] {
  return classes.classes.map(
    (podClass) =>
      `${String(podClass.index)} ${podClass.labelsKey}: ${podClass.workloads.map((workload) => workload.resource.name).join(', ')}`,
  );
}

describe('pod classes', () => {
  it('groups pods no policy tells apart into one class, in input order', () => {
    const pods = podClassesOf(
      inventory(pod('a', '{app: a}') + pod('b', '{app: b}') + pod('c', '{app: a}')),
      false,
    );
    assert.deepEqual(summary(pods), ['0 [["app","a"]]: a, c', '1 [["app","b"]]: b']);
  });

  it('classes extra workloads after the input, in a copy that leaves the input classes as they were', () => {
    const cluster = inventory(pod('a', '{app: a}') + pod('b', '{app: b}'));
    const joins = modelledWorkload('{joins}', 'x', { app: 'a' });
    const apart = modelledWorkload('{apart}', 'x', { app: 'c' });
    const withExtra = podClassesOf(cluster, false, [joins, apart]);
    assert.deepEqual(summary(withExtra), [
      '0 [["app","a"]]: a, {joins}',
      '1 [["app","b"]]: b',
      '2 [["app","c"]]: {apart}',
    ]);
    const [first] = withExtra.classes;
    assert.equal(withExtra.classOf.get(joins), first);
    assert.equal(withExtra.classOf.get(first?.workloads[0] ?? joins), first);
    const input = podClassesOf(cluster, false);
    assert.deepEqual(summary(input), ['0 [["app","a"]]: a', '1 [["app","b"]]: b']);
    assert.equal(input.classOf.get(first?.workloads[0] ?? joins), input.classes[0]);
    assert.notEqual(input.classes[0], first);
    assert.equal(input.classes[1], withExtra.classes[1]);
  });
  it('files each class under its labels, and the extra workloads in the copy only', () => {
    const cluster = inventory(pod('a', '{app: a, tier: web}') + pod('b', '{app: b, tier: web}'));
    const input = podClassesOf(cluster, false);
    const names = (
      classes: readonly {
        readonly index: number;
        readonly workloads: readonly { readonly resource: { readonly name: string } }[];
      }[],
    ): string[] =>
      classes.map(
        (podClass) => `${String(podClass.index)}:${podClass.workloads.map((w) => w.resource.name).join('+')}`,
      );
    assert.deepEqual(names(classesLabelled(input, 'x', 'tier', 'web')), ['0:a', '1:b']);
    assert.deepEqual(names(classesLabelled(input, 'x', 'app', 'b')), ['1:b']);
    assert.deepEqual(names(classesLabelled(input, 'y', 'app', 'a')), []);
    const joins = modelledWorkload('{joins}', 'x', { tier: 'web', app: 'b' });
    const apart = modelledWorkload('{apart}', 'x', { tier: 'web' });
    const elsewhere = modelledWorkload('{elsewhere}', 'y', { app: 'a' });
    const withExtra = podClassesOf(cluster, false, [joins, apart, elsewhere]);
    assert.deepEqual(names(classesLabelled(withExtra, 'x', 'tier', 'web')), [
      '0:a',
      '1:b+{joins}',
      '2:{apart}',
    ]);
    assert.deepEqual(names(classesLabelled(withExtra, 'x', 'app', 'b')), ['1:b+{joins}']);
    assert.deepEqual(names(classesLabelled(withExtra, 'x', 'app', 'a')), ['0:a']);
    assert.deepEqual(names(classesLabelled(withExtra, 'y', 'app', 'a')), ['3:{elsewhere}']);
    assert.equal(classesLabelled(withExtra, 'x', 'app', 'b')[0], withExtra.classes[1]);
    assert.deepEqual(names(classesLabelled(input, 'x', 'tier', 'web')), ['0:a', '1:b']);
    assert.deepEqual(names(classesLabelled(input, 'x', 'app', 'b')), ['1:b']);
    assert.deepEqual(names(classesLabelled(input, 'y', 'app', 'a')), []);
  });
});
