import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadSources } from '../load/load.ts';
import { buildInventory } from '../model/inventory.ts';
import { componentViews, flagOf, listOf } from './components.ts';

function inventoryOf(text: string) {
  const loaded = loadSources([{ file: 'node.yaml', text, format: 'yaml', named: true }]);
  assert.deepEqual(loaded.diagnostics, []);
  return buildInventory(loaded.resources);
}

// kubeadm extraArgs: a map in kubeadm.k8s.io/v1beta3, a list of {name, value} with repeats in v1beta4
// (cmd/kubeadm/app/apis/kubeadm/v1beta4/types.go Arg); kubeadm's own flags come first.
describe('componentViews', () => {
  it('reads kubeadm v1beta3 extraArgs as a map replacing kubeadm defaults of the same name', () => {
    const inventory = inventoryOf(`apiVersion: kubeadm.k8s.io/v1beta3
kind: ClusterConfiguration
apiServer:
  extraArgs:
    authorization-mode: AlwaysAllow
    anonymous-auth: "false"
`);
    const apiserver = componentViews(inventory).find((view) => view.component === 'kube-apiserver');
    assert.ok(apiserver);
    assert.equal(apiserver.source, 'kubeadm');
    assert.deepEqual(listOf(apiserver, 'authorization-mode'), ['AlwaysAllow']);
    assert.deepEqual(flagOf(apiserver, 'anonymous-auth')?.path, ['apiServer', 'extraArgs', 'anonymous-auth']);
    assert.equal(flagOf(apiserver, 'client-ca-file')?.value, '/etc/kubernetes/pki/ca.crt');
  });
  it('reads kubeadm v1beta4 extraArgs as a list where the last repeat wins', () => {
    const inventory = inventoryOf(`apiVersion: kubeadm.k8s.io/v1beta4
kind: ClusterConfiguration
etcd:
  local:
    extraArgs:
      - name: client-cert-auth
        value: "true"
      - name: client-cert-auth
        value: "false"
`);
    const etcd = componentViews(inventory).find((view) => view.component === 'etcd');
    assert.equal(flagOf(etcd ?? assert.fail(), 'client-cert-auth')?.value, 'false');
    assert.deepEqual(flagOf(etcd ?? assert.fail(), 'client-cert-auth')?.path, [
      'etcd',
      'local',
      'extraArgs',
      1,
      'value',
    ]);
  });
  it('gives no etcd view for an external etcd', () => {
    const inventory = inventoryOf(`apiVersion: kubeadm.k8s.io/v1beta4
kind: ClusterConfiguration
etcd:
  external:
    endpoints: [https://10.0.0.20:2379]
`);
    assert.equal(
      componentViews(inventory).some((view) => view.component === 'etcd'),
      false,
    );
  });
  it('prefers a static pod over the kubeadm view of the same component', () => {
    const inventory = inventoryOf(`apiVersion: kubeadm.k8s.io/v1beta3
kind: ClusterConfiguration
---
apiVersion: v1
kind: Pod
metadata: {name: kube-scheduler-cp1, namespace: kube-system}
spec:
  containers:
    - name: sched
      image: registry.k8s.io/kube-scheduler:v1.34.1
      command: [/usr/local/bin/kube-scheduler]
      args: [--bind-address, 0.0.0.0]
`);
    const schedulers = componentViews(inventory).filter((view) => view.component === 'kube-scheduler');
    assert.equal(schedulers.length, 1);
    assert.equal(schedulers[0]?.source, 'static-pod');
    assert.deepEqual(flagOf(schedulers[0] ?? assert.fail(), 'bind-address')?.path, [
      'spec',
      'containers',
      0,
      'args',
      1,
    ]);
  });
  it('recognises a component by the pod label when the binary is a wrapper', () => {
    const inventory = inventoryOf(`apiVersion: v1
kind: Pod
metadata: {name: etcd-cp1, labels: {component: etcd}}
spec:
  containers:
    - name: main
      image: registry.k8s.io/etcd:3.6.4-0
      command: [/bin/sh, -c, exec etcd]
`);
    assert.equal(componentViews(inventory)[0]?.component, 'etcd');
  });
});
