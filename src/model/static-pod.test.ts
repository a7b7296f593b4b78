// A static pod is one the kubelet runs from its own files (or URL), not from the API: the kubelet's
// annotations (kubernetes/kubernetes pkg/kubelet/types/pod_update.go), kubeadm's control-plane labels
// (cmd/kubeadm/app/util/staticpod/utils.go ComponentPod) and the kubelet's static pod directory
// (pkg/kubelet/config/file.go: the directory's own files, no dot files, no subdirectories) show one.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadSources } from '../load/load.ts';
import { buildInventory } from './inventory.ts';
import type { Resource } from './resource.ts';
import { isStaticPod, KUBEADM_STATIC_POD_PATH, staticPodEvidence, staticPodPathsOf } from './static-pod.ts';

function load(file: string, text: string): Resource[] {
  const loaded = loadSources([{ file, text, format: 'yaml', named: true }]);
  assert.deepEqual(loaded.diagnostics, []);
  return [...loaded.resources];
}

function pod(metadata: string, kind = 'Pod', apiVersion = 'v1'): string {
  return `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: ${metadata}\nspec:\n  containers: [{name: c, image: registry.k8s.io/pause:3.10}]\n`;
}

function evidence(file: string, text: string, paths: readonly string[] = [KUBEADM_STATIC_POD_PATH]) {
  const [resource] = load(file, text);
  assert.ok(resource);
  return staticPodEvidence(resource, paths);
}

const KUBEADM_LABELS = '{component: kube-apiserver, tier: control-plane}';

describe('staticPodEvidence', () => {
  it('knows a mirror pod by the kubelet annotation kubernetes.io/config.mirror', () => {
    const text = pod(
      '{name: kube-apiserver-cp-1, namespace: kube-system, annotations: {kubernetes.io/config.mirror: 2f4b1c}}',
    );
    assert.equal(evidence('dump.yaml', text), 'mirror-pod');
  });

  it('knows a pod whose kubernetes.io/config.source is file or http, not api', () => {
    const source = (value: string) =>
      pod(`{name: vip, annotations: {kubernetes.io/config.source: ${value}}}`);
    assert.equal(evidence('dump.yaml', source('file')), 'config-source');
    assert.equal(evidence('dump.yaml', source('http')), 'config-source');
    assert.equal(evidence('dump.yaml', source('api')), undefined);
  });

  it("knows kubeadm's labels on a Pod in kube-system: component of a control-plane component and tier", () => {
    assert.equal(
      evidence(
        'apiserver.yaml',
        pod(`{name: kube-apiserver, namespace: kube-system, labels: ${KUBEADM_LABELS}}`),
      ),
      'kubeadm-labels',
    );
    for (const component of ['etcd', 'kube-controller-manager', 'kube-scheduler'])
      assert.equal(
        evidence(
          'pod.yaml',
          pod(
            `{name: ${component}, namespace: kube-system, labels: {component: ${component}, tier: control-plane}}`,
          ),
        ),
        'kubeadm-labels',
      );
  });

  it('does not take near misses of the kubeadm labels for a static pod', () => {
    const cases = [
      `{name: kube-apiserver, namespace: default, labels: ${KUBEADM_LABELS}}`,
      `{name: kube-apiserver, labels: ${KUBEADM_LABELS}}`,
      '{name: kube-apiserver, namespace: kube-system, labels: {component: kube-apiserver}}',
      '{name: kube-vip, namespace: kube-system, labels: {component: kube-vip, tier: control-plane}}',
      '{name: kube-apiserver, namespace: kube-system}',
    ];
    for (const metadata of cases) assert.equal(evidence('pod.yaml', pod(metadata)), undefined, metadata);
  });

  it('takes only Pods: a Deployment named kube-apiserver in kube-system with the same labels is none', () => {
    const deployment = `apiVersion: apps/v1
kind: Deployment
metadata: {name: kube-apiserver, namespace: kube-system, labels: ${KUBEADM_LABELS}, annotations: {kubernetes.io/config.mirror: x}}
spec:
  selector: {matchLabels: ${KUBEADM_LABELS}}
  template:
    metadata: {labels: ${KUBEADM_LABELS}}
    spec:
      containers: [{name: kube-apiserver, image: registry.k8s.io/kube-apiserver:v1.31.1}]
`;
    assert.equal(evidence('/etc/kubernetes/manifests/kube-apiserver.yaml', deployment), undefined);
    assert.equal(evidence('pod.yaml', pod(`{name: x, labels: ${KUBEADM_LABELS}}`, 'Pod', 'v2')), undefined);
  });

  it("knows a Pod read from a static pod directory, as the kubelet reads the directory's own files", () => {
    const plain = pod('{name: haproxy, namespace: kube-system}');
    assert.equal(evidence('/etc/kubernetes/manifests/haproxy.yaml', plain), 'manifests-directory');
    assert.equal(evidence('node-1/etc/kubernetes/manifests/haproxy.yaml', plain), 'manifests-directory');
    assert.equal(evidence('/etc//kubernetes/manifests/haproxy.yaml', plain), 'manifests-directory');
  });

  it('does not take a file beside, below or only named like a static pod directory', () => {
    const plain = pod('{name: haproxy, namespace: kube-system}');
    for (const file of [
      '/etc/kubernetes/manifests/old/haproxy.yaml',
      '/etc/kubernetes/manifests/.haproxy.yaml',
      '/etc/kubernetes/manifests-backup/haproxy.yaml',
      '/srv/myetc/kubernetes/manifests/haproxy.yaml',
      '/etc/kubernetes/haproxy.yaml',
      'manifests/haproxy.yaml',
      'haproxy.yaml',
    ])
      assert.equal(evidence(file, plain), undefined, file);
  });

  it('takes one Pod per file from a static pod directory: not a second document nor a List item', () => {
    const file = '/etc/kubernetes/manifests/pods.yaml';
    const [first, second] = load(file, `${pod('{name: a}')}---\n${pod('{name: b}')}`);
    assert.ok(first && second);
    assert.equal(staticPodEvidence(first, [KUBEADM_STATIC_POD_PATH]), 'manifests-directory');
    assert.equal(staticPodEvidence(second, [KUBEADM_STATIC_POD_PATH]), undefined);
    const list = `apiVersion: v1\nkind: List\nitems:\n  - ${pod('{name: a}').replaceAll('\n', '\n    ')}`;
    const [item] = load(file, list);
    assert.ok(item);
    assert.equal(item.kind, 'Pod');
    assert.equal(staticPodEvidence(item, [KUBEADM_STATIC_POD_PATH]), undefined);
  });
});

describe('staticPodPathsOf and isStaticPod', () => {
  const kubelet = load(
    '/var/lib/kubelet/config.yaml',
    'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nstaticPodPath: /srv/static-pods/\n',
  );

  it("adds each KubeletConfiguration's staticPodPath to kubeadm's directory", () => {
    assert.deepEqual(staticPodPathsOf(kubelet), ['/etc/kubernetes/manifests', '/srv/static-pods']);
    assert.deepEqual(staticPodPathsOf([]), ['/etc/kubernetes/manifests']);
  });

  it("recognises the pods of the kubelet's staticPodPath in an inventory, and only with that kubelet config", () => {
    const pods = load('node/srv/static-pods/vip.yaml', pod('{name: vip, namespace: kube-system}'));
    const withKubelet = buildInventory([...kubelet, ...pods]);
    const [vip] = withKubelet.byKind.get('Pod') ?? [];
    assert.ok(vip);
    assert.equal(isStaticPod(withKubelet, vip), true);
    const alone = buildInventory(pods);
    const [same] = alone.byKind.get('Pod') ?? [];
    assert.ok(same);
    assert.equal(isStaticPod(alone, same), false);
  });
});
