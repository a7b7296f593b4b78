import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { loadSources } from '../load/load.ts';
import type { Inventory } from '../model/inventory.ts';
import { buildInventory } from '../model/inventory.ts';
import type { Workload } from '../model/workload.ts';
import type { NetpolOptions } from './engine.ts';
import { buildNetpolModel } from './engine.ts';
import { withExtraWorkloads } from './extend.ts';
import { modelledWorkload } from './ingress/modelled-pod.ts';

const ROOT = join(import.meta.dirname, '..', '..');

/** Every YAML file under `dir` that holds a NetworkPolicy. */
function policyFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.yaml'))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((file) => readFileSync(file, 'utf8').includes('kind: NetworkPolicy'))
    .sort();
}

function inventory(file: string): Inventory {
  const text = readFileSync(file, 'utf8');
  const { resources } = loadSources([{ file: relative(ROOT, file), text, format: 'yaml', named: true }]);
  return buildInventory(resources);
}

/** Modelled pods: one in a namespace of its own, and one like each of the first input classes. */
function extras(inv: Inventory): Workload[] {
  const classes = buildNetpolModel(inv).pods.classes;
  return [
    modelledWorkload('{ingress-controller}', 'ingress-nginx', {
      'app.kubernetes.io/name': 'ingress-nginx',
      'app.kubernetes.io/component': 'controller',
    }),
    ...classes
      .slice(0, 3)
      .map((podClass, i) => modelledWorkload(`{like-${String(i)}}`, podClass.namespace, podClass.labels)),
  ];
}

const OPTIONS: readonly NetpolOptions[] = [
  { ipBlockMatchesPods: false },
  { ipBlockMatchesPods: true },
  { ipBlockMatchesPods: false, hostNetwork: 'pod' },
];

describe('withExtraWorkloads', () => {
  const files = [
    ...policyFiles(join(ROOT, 'testdata', 'netpol')),
    ...policyFiles(join(ROOT, 'testdata', 'checks')),
  ];

  it('finds the fixtures', () => {
    assert.ok(files.length > 20, `${String(files.length)} files`);
  });

  it('gives the model buildNetpolModel builds with the extra workloads, for every fixture', () => {
    for (const file of files) {
      const inv = inventory(file);
      const extraWorkloads = extras(inv);
      for (const options of OPTIONS) {
        const extended = withExtraWorkloads(buildNetpolModel(inv, options), inv, extraWorkloads);
        const built = buildNetpolModel(inv, { ...options, extraWorkloads });
        assert.deepStrictEqual(extended, built, `${relative(ROOT, file)} ${JSON.stringify(options)}`);
      }
    }
  });

  it('leaves the model it extends as it was', () => {
    const inv = inventory(join(ROOT, 'testdata', 'netpol', 'ingress', 'shop-ingress.yaml'));
    const model = buildNetpolModel(inv);
    const extended = withExtraWorkloads(model, inv, extras(inv));
    assert.deepStrictEqual(model, buildNetpolModel(inv));
    assert.ok(extended.pods.classes.length > model.pods.classes.length);
  });
});
