// Two objects with one kind, namespace and name cannot both exist in a cluster: the later one wins,
// as `kubectl apply -f dir/` would leave it, and the earlier one is reported where it is.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadSources } from '../load/load.ts';
import { loadInputs } from '../scan/inputs.ts';
import { formatDiagnostic } from './diagnostic.ts';
import { buildInventory } from './inventory.ts';

const DIRECTORY = join(import.meta.dirname, '..', '..', 'testdata', 'duplicates');

async function inventoryOf(defaultNamespace?: string) {
  const loaded = await loadInputs([DIRECTORY], { recursive: true });
  assert.deepEqual(loaded.diagnostics, []);
  return buildInventory(loaded.resources, defaultNamespace === undefined ? {} : { defaultNamespace });
}

describe('objects declared twice', () => {
  it('keeps the later one and warns at the earlier one, naming both places', async () => {
    const inventory = await inventoryOf();
    const first = join(DIRECTORY, 'a-first.yaml');
    const later = join(DIRECTORY, 'b-later.yaml');
    assert.deepEqual(inventory.diagnostics.map(formatDiagnostic), [
      `${first}:2:1: warning: NetworkPolicy shop/allow-web is declared again at ${later}:1:1: only one can exist in a cluster, so this one is ignored and the later one is kept, as kubectl apply would`,
      `${first}:12:1: warning: ConfigMap default/settings is declared again at ${later}:11:1: only one can exist in a cluster, so this one is ignored and the later one is kept, as kubectl apply would`,
    ]);
    const policies = inventory.byKind.get('NetworkPolicy') ?? [];
    assert.deepEqual(
      policies.map((policy) => policy.origin.file),
      [later],
    );
    const settings = inventory.byKind.get('ConfigMap') ?? [];
    assert.deepEqual(
      settings.map((map) => map.object.data),
      [{ mode: 'later' }],
    );
  });
  it('keeps every object made from a generateName, static pods of several nodes, and same names of other kinds', async () => {
    const inventory = await inventoryOf();
    assert.equal(inventory.byKind.get('Job')?.length, 2);
    assert.equal(inventory.byKind.get('Pod')?.length, 2);
    assert.equal(inventory.byKind.get('ClusterRole')?.length, 1);
    assert.equal(inventory.byKind.get('Role')?.length, 1);
  });
  it('reads a manifest met twice at the same place as one, with one note for all its objects', async () => {
    const later = join(DIRECTORY, 'b-later.yaml');
    const loaded = await loadInputs([later, later], { recursive: true });
    const inventory = buildInventory(loaded.resources, {});
    assert.deepEqual(inventory.diagnostics.map(formatDiagnostic), [
      `${later}:1:1: note: 3 objects, such as NetworkPolicy shop/allow-web, came from the same manifest more than once (built by several kustomizations, or a file named twice): each is checked once, as it was last built; scan overlays one at a time to check each variant`,
    ]);
    assert.equal(inventory.byKind.get('NetworkPolicy')?.length, 1);
    assert.equal(inventory.byKind.get('ConfigMap')?.length, 1);
  });
  it('gives one warning for a file whose many objects are declared again later', () => {
    const configMap = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;
    const names = ['a', 'b', 'c', 'd'];
    const { resources } = loadSources(
      ['bundle.yaml', 'later.yaml'].map((file) => ({
        file,
        text: names.map(configMap).join('---\n'),
        format: 'yaml' as const,
        named: true,
      })),
    );
    const inventory = buildInventory(resources, {});
    assert.deepEqual(inventory.diagnostics.map(formatDiagnostic), [
      'bundle.yaml:1:1: warning: 4 objects of this file are declared again later in the input, starting with ConfigMap default/a (again at later.yaml:1:1): only one of each can exist in a cluster, so these are ignored and the later ones kept, as kubectl apply would',
    ]);
    assert.deepEqual(
      (inventory.byKind.get('ConfigMap') ?? []).map((map) => map.origin.file),
      ['later.yaml', 'later.yaml', 'later.yaml', 'later.yaml'],
    );
  });
  it('places objects without a namespace in the default namespace given', async () => {
    const inventory = await inventoryOf('shop');
    assert.equal(inventory.byKind.get('ConfigMap')?.length, 2);
    assert.equal(inventory.diagnostics.length, 1);
  });
});
