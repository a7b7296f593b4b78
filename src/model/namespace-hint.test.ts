// Bundles meant for `kubectl apply -n NS` (argo-cd's manifests/install.yaml, for one) declare their
// ServiceAccounts without a namespace and bind them as `namespace: NS`; read with another default
// namespace, those bindings reach no pod. testdata/namespaces/README.md cites the bundle.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadSources } from '../load/load.ts';
import { loadInputs } from '../scan/inputs.ts';
import { formatDiagnostic } from './diagnostic.ts';
import { buildInventory } from './inventory.ts';

const NAMESPACES = join(import.meta.dirname, '..', '..', 'testdata', 'namespaces');

async function warningsOf(directory: string, defaultNamespace?: string): Promise<string[]> {
  const loaded = await loadInputs([join(NAMESPACES, directory)], { recursive: true });
  assert.deepEqual(loaded.diagnostics, []);
  const inventory = buildInventory(
    loaded.resources,
    defaultNamespace === undefined ? {} : { defaultNamespace },
  );
  return inventory.diagnostics.map(formatDiagnostic);
}

function hintsOf(text: string, defaultNamespace?: string): string[] {
  const { resources } = loadSources([{ file: 'bundle.yaml', text, format: 'yaml', named: true }]);
  const inventory = buildInventory(resources, defaultNamespace === undefined ? {} : { defaultNamespace });
  return inventory.diagnostics.map(formatDiagnostic);
}

const account = (name: string, namespace?: string) =>
  `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n${namespace === undefined ? '' : `  namespace: ${namespace}\n`}---\n`;
const binding = (kind: string, name: string, subjects: string) =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: ${name}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}\nsubjects:\n${subjects}---\n`;

describe('ServiceAccounts that a bundle for kubectl apply -n places elsewhere', () => {
  it('warns once per namespace, at the first subject, naming the namespace and the flag', async () => {
    const file = join(NAMESPACES, 'apply-n', 'bundle.yaml');
    assert.deepEqual(await warningsOf('apply-n'), [
      `${file}:31:5: warning: ClusterRoleBinding sync-controller and 1 other binding bind ServiceAccounts sync-controller, web in namespace tools, but the input declares them without a namespace, so they land in default and their pods get none of these grants: if these manifests are meant for kubectl apply -n tools, pass --default-namespace tools`,
    ]);
  });

  it('says nothing with --default-namespace NS, or when the ServiceAccounts are placed in NS', async () => {
    assert.deepEqual(await warningsOf('apply-n', 'tools'), []);
    assert.deepEqual(await warningsOf('placed'), []);
  });

  it('counts only subjects in a namespace where no ServiceAccount of the name is declared', () => {
    const subject = (name: string, namespace: string) =>
      `  - {kind: ServiceAccount, name: ${name}, namespace: ${namespace}}\n`;
    assert.deepEqual(
      hintsOf(
        account('ci') + account('ci', 'build') + binding('ClusterRoleBinding', 'ci', subject('ci', 'build')),
      ),
      [],
    );
    assert.deepEqual(hintsOf(binding('ClusterRoleBinding', 'ext', subject('external', 'other'))), []);
    assert.deepEqual(
      hintsOf(account('ci') + binding('RoleBinding', 'ci', '  - {kind: ServiceAccount, name: ci}\n')),
      [],
    );
    assert.deepEqual(
      hintsOf(
        account('ci') + binding('ClusterRoleBinding', 'ci', '  - {kind: User, name: ci, namespace: build}\n'),
      ),
      [],
    );
    assert.deepEqual(hintsOf(account('ci') + binding('RoleBinding', 'ci', subject('ci', 'build'))), [
      'bundle.yaml:12:5: warning: RoleBinding ci binds ServiceAccount ci in namespace build, but the input declares it without a namespace, so it lands in default and its pods get none of these grants: if these manifests are meant for kubectl apply -n build, pass --default-namespace build',
    ]);
    assert.deepEqual(
      hintsOf(account('ci') + binding('ClusterRoleBinding', 'ci', subject('ci', 'build')), 'ops'),
      [
        'bundle.yaml:12:5: warning: ClusterRoleBinding ci binds ServiceAccount ci in namespace build, but the input declares it without a namespace, so it lands in ops and its pods get none of these grants: if these manifests are meant for kubectl apply -n build, pass --default-namespace build',
      ],
    );
  });
});
