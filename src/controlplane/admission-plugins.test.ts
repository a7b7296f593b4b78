import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadSources } from '../load/load.ts';
import { buildInventory } from '../model/inventory.ts';
import { staticPodManifest } from '../testing/static-pod.ts';
import { admissionPlugins, defaultOnAdmissionPlugins } from './admission-plugins.ts';
import type { ComponentView } from './components.ts';
import { componentViews } from './components.ts';
import { componentVersion, parseMinorVersion } from './component-version.ts';

function apiserver(text: string): ComponentView {
  const loaded = loadSources([{ file: 'node.yaml', text, format: 'yaml', named: true }]);
  assert.deepEqual(loaded.diagnostics, []);
  return (
    componentViews(buildInventory(loaded.resources)).find((view) => view.component === 'kube-apiserver') ??
    assert.fail('no kube-apiserver')
  );
}

const pod = (image: string, ...flags: string[]): ComponentView =>
  apiserver(staticPodManifest('kube-apiserver', image, flags));

const enabled = (view: ComponentView, ...names: string[]): boolean[] =>
  names.map((name) => admissionPlugins(view).decide(name).enabled);

// kubernetes/kubernetes pkg/kubeapiserver/options/plugins.go DefaultOffAdmissionPlugins(); the generic
// enabledPluginNames (k8s.io/apiserver pkg/server/options/admission.go) subtracts the default-off set
// and --disable-admission-plugins, then adds back --enable-admission-plugins.
describe('admissionPlugins', () => {
  it('runs the default-on set when no flag names plugins, never NodeRestriction or AlwaysAdmit', () => {
    const view = pod('registry.k8s.io/kube-apiserver:v1.34.1');
    assert.deepEqual(
      enabled(view, 'NamespaceLifecycle', 'ServiceAccount', 'PodSecurity', 'NodeRestriction', 'AlwaysAdmit'),
      [true, true, true, false, false],
    );
    assert.equal(admissionPlugins(view).decide('ServiceAccount').by, 'default');
  });
  it('follows the release: PodSecurity is default-on from 1.23, ClusterTrustBundleAttest from 1.27', () => {
    assert.deepEqual(enabled(pod('registry.k8s.io/kube-apiserver:v1.22.17'), 'PodSecurity'), [false]);
    assert.deepEqual(enabled(pod('registry.k8s.io/kube-apiserver:v1.23.0'), 'PodSecurity'), [true]);
    assert.equal(defaultOnAdmissionPlugins(parseMinorVersion('1.26')).has('ClusterTrustBundleAttest'), false);
    assert.equal(defaultOnAdmissionPlugins(parseMinorVersion('1.27')).has('ClusterTrustBundleAttest'), true);
    assert.equal(defaultOnAdmissionPlugins(undefined).size, 27);
  });
  it('adds --enable-admission-plugins and removes --disable-admission-plugins, across repeats', () => {
    const view = pod(
      'registry.k8s.io/kube-apiserver:v1.34.1',
      '--enable-admission-plugins=AlwaysAdmit',
      '--enable-admission-plugins=NodeRestriction',
      '--disable-admission-plugins=PodSecurity,ServiceAccount',
    );
    assert.deepEqual(
      enabled(view, 'AlwaysAdmit', 'NodeRestriction', 'PodSecurity', 'ServiceAccount', 'LimitRanger'),
      [true, true, false, false, true],
    );
    assert.deepEqual(admissionPlugins(view).decide('NodeRestriction').flag?.path, [
      'spec',
      'containers',
      0,
      'command',
      2,
    ]);
    assert.deepEqual(admissionPlugins(view).conflicts, []);
  });
  it('reports a plugin in both lists as a start-up error', () => {
    const view = pod(
      'registry.k8s.io/kube-apiserver:v1.34.1',
      '--enable-admission-plugins=NodeRestriction',
      '--disable-admission-plugins=NodeRestriction',
    );
    assert.deepEqual(
      admissionPlugins(view).conflicts.map((conflict) => conflict.message),
      [
        'kube-apiserver names NodeRestriction in both --enable-admission-plugins and --disable-admission-plugins; the API server refuses to start',
      ],
    );
  });
  it('runs exactly the --admission-control list, which excludes the other two flags', () => {
    const view = pod(
      'registry.k8s.io/kube-apiserver:v1.30.0',
      '--admission-control=NamespaceLifecycle,NodeRestriction',
    );
    assert.deepEqual(enabled(view, 'NamespaceLifecycle', 'NodeRestriction', 'ServiceAccount'), [
      true,
      true,
      false,
    ]);
    const both = pod(
      'registry.k8s.io/kube-apiserver:v1.30.0',
      '--admission-control=NamespaceLifecycle',
      '--disable-admission-plugins=PodSecurity',
    );
    assert.equal(admissionPlugins(both).conflicts.length, 1);
  });
  it("keeps kubeadm's NodeRestriction unless extraArgs replaces the flag", () => {
    const kubeadm = (extra: string): ComponentView =>
      apiserver(`apiVersion: kubeadm.k8s.io/v1beta4
kind: ClusterConfiguration
kubernetesVersion: v1.31.2
apiServer:
  extraArgs: ${extra}
`);
    assert.deepEqual(enabled(kubeadm('[]'), 'NodeRestriction'), [true]);
    assert.deepEqual(
      enabled(kubeadm('[{name: enable-admission-plugins, value: EventRateLimit}]'), 'NodeRestriction'),
      [false],
    );
    assert.deepEqual(componentVersion(kubeadm('[]')), { major: 1, minor: 31 });
  });
});

describe('componentVersion', () => {
  it('reads the image tag, ignoring a digest and a registry port', () => {
    assert.deepEqual(componentVersion(pod('registry.k8s.io/kube-apiserver:v1.30.2@sha256:abcd')), {
      major: 1,
      minor: 30,
    });
    assert.equal(componentVersion(pod('localhost:5000/kube-apiserver')), undefined);
    assert.equal(componentVersion(pod('registry.k8s.io/kube-apiserver:latest')), undefined);
  });
});
