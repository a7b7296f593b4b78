// Control-plane checks apply only to inputs with a component manifest or a node configuration file:
// a kustomization.yaml is neither, so next to plain manifests it must leave them "not checked".
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { buildInventory } from '../../model/inventory.ts';
import { loadInputs } from '../../scan/inputs.ts';
import { needs } from '../../testing/tools.ts';
import { CONTROLPLANE_CHECKS } from './index.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'testdata', 'applies');

/** The ids of the control-plane checks that apply to a fixture directory, and its problems. */
async function appliedControlPlaneChecks(directory: string): Promise<readonly string[]> {
  const loaded = await loadInputs([join(FIXTURES, directory)], { recursive: true });
  assert.deepEqual(
    loaded.diagnostics.map(({ message }) => message),
    [],
  );
  const inventory = buildInventory(loaded.resources);
  return CONTROLPLANE_CHECKS.filter((check) => check.applies?.(inventory) ?? true).map(({ id }) => id);
}

describe('control-plane applicability', () => {
  it(
    'a kustomization, built into its objects, does not make the control-plane checks apply',
    needs('kubectl'),
    async () => {
      assert.deepEqual(await appliedControlPlaneChecks('kustomize'), []);
    },
  );
  it('a KubeletConfiguration does', async () => {
    assert.ok((await appliedControlPlaneChecks('kubelet')).includes('kubelet-anonymous-auth'));
  });
});
