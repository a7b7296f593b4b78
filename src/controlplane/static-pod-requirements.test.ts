// What a control-plane static pod needs from its node, as kubeadm writes the manifests
// (kubernetes/kubernetes cmd/kubeadm/app/phases/controlplane/volumes.go, phases/etcd/local.go,
// util/staticpod/utils.go) and as the components' own flags name paths and addresses.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadSources } from '../load/load.ts';
import { buildInventory } from '../model/inventory.ts';
import type { Inventory } from '../model/inventory.ts';
import { loadInputs } from '../scan/inputs.ts';
import type { StaticPodRequirements } from './static-pod-requirements.ts';
import { componentNeeding, staticPodRequirements, withoutRequirements } from './static-pod-requirements.ts';

const KUBEADM_NODE = join(import.meta.dirname, '..', '..', 'testdata', 'static-pods', 'kubeadm-node');

function inventoryOf(...documents: readonly (readonly [string, string])[]): Inventory {
  const loaded = loadSources(documents.map(([file, text]) => ({ file, text, format: 'yaml', named: true })));
  assert.deepEqual(loaded.diagnostics, []);
  return buildInventory(loaded.resources);
}

function requirementsOf(inventory: Inventory, name: string): StaticPodRequirements | undefined {
  const workload = inventory.workloads.find((candidate) => candidate.resource.name === name);
  assert.ok(workload, name);
  return staticPodRequirements(inventory, workload);
}

function needs(requirements: StaticPodRequirements | undefined): string[] {
  return (requirements?.hostPaths ?? []).map((need) => `${need.path}${need.writable ? ' (writable)' : ''}`);
}

function apiserverPod(flags: readonly string[], extra = ''): string {
  return `apiVersion: v1
kind: Pod
metadata: {name: kube-apiserver, namespace: kube-system, labels: {component: kube-apiserver, tier: control-plane}}
spec:
  hostNetwork: true
  containers:
    - name: kube-apiserver
      image: registry.k8s.io/kube-apiserver:v1.31.1
      command: [kube-apiserver, ${flags.join(', ')}]
${extra}`;
}

describe('staticPodRequirements on a kubeadm node', async () => {
  const loaded = await loadInputs([KUBEADM_NODE], { recursive: true });
  const inventory = buildInventory(loaded.resources);

  it('has kubeadm mounts of kube-apiserver: certificates and every CA bundle path, read-only', () => {
    const requirements = requirementsOf(inventory, 'kube-apiserver');
    assert.deepEqual(requirements?.components, ['kube-apiserver']);
    const paths = needs(requirements);
    for (const path of [
      '/etc/kubernetes/pki',
      '/etc/ssl/certs',
      '/etc/pki',
      '/etc/pki/ca-trust',
      '/etc/pki/tls/certs',
      '/etc/ca-certificates',
      '/usr/share/ca-certificates',
      '/usr/local/share/ca-certificates',
    ])
      assert.ok(paths.includes(path), path);
    assert.ok(!paths.some((path) => path.endsWith('(writable)')), paths.join(', '));
    assert.ok(requirements?.probeHosts.has('192.168.56.10'));
  });

  it("has etcd's data and certificates directories writable, and its metrics address as a probe host", () => {
    const requirements = requirementsOf(inventory, 'etcd');
    assert.ok(requirements);
    assert.equal(componentNeeding(requirements, '/var/lib/etcd', true), 'etcd');
    assert.equal(componentNeeding(requirements, '/etc/kubernetes/pki/etcd', true), 'etcd');
    assert.equal(componentNeeding(requirements, '/etc/kubernetes/pki', false), undefined);
    assert.ok(requirements.probeHosts.has('127.0.0.1'));
  });

  it("has the controller-manager's kubeconfig read-only and its FlexVolume directory writable", () => {
    const requirements = requirementsOf(inventory, 'kube-controller-manager');
    assert.ok(requirements);
    assert.equal(
      componentNeeding(requirements, '/etc/kubernetes/controller-manager.conf', false),
      'kube-controller-manager',
    );
    assert.equal(componentNeeding(requirements, '/etc/kubernetes/controller-manager.conf', true), undefined);
    assert.equal(
      componentNeeding(requirements, '/usr/libexec/kubernetes/kubelet-plugins/volume/exec', true),
      'kube-controller-manager',
    );
    assert.equal(componentNeeding(requirements, '/etc/kubernetes/scheduler.conf', false), undefined);
  });

  it("has only the scheduler's kubeconfig, not /etc/kubernetes", () => {
    const requirements = requirementsOf(inventory, 'kube-scheduler');
    assert.ok(requirements);
    assert.equal(componentNeeding(requirements, '/etc/kubernetes/scheduler.conf', false), 'kube-scheduler');
    assert.equal(componentNeeding(requirements, '/etc/kubernetes', false), undefined);
  });
});

describe('staticPodRequirements', () => {
  it('is undefined for a pod that is not static, even one running kube-apiserver', () => {
    const pod = apiserverPod(['--client-ca-file=/etc/kubernetes/pki/ca.crt']).replace(
      'namespace: kube-system, ',
      'namespace: default, ',
    );
    assert.equal(requirementsOf(inventoryOf(['pod.yaml', pod]), 'kube-apiserver'), undefined);
  });

  it('is undefined for a static pod that runs no control-plane component', () => {
    const vip = `apiVersion: v1
kind: Pod
metadata: {name: kube-vip, namespace: kube-system}
spec:
  containers: [{name: kube-vip, image: ghcr.io/kube-vip/kube-vip:v0.8.0}]
`;
    assert.equal(
      requirementsOf(inventoryOf(['/etc/kubernetes/manifests/kube-vip.yaml', vip]), 'kube-vip'),
      undefined,
    );
  });

  it('reads certificatesDir and etcd.local.dataDir from a ClusterConfiguration', () => {
    const configuration = `apiVersion: kubeadm.k8s.io/v1beta4
kind: ClusterConfiguration
certificatesDir: /srv/kubernetes/pki/
etcd:
  local: {dataDir: /data/etcd}
`;
    const etcd = `apiVersion: v1
kind: Pod
metadata: {name: etcd, namespace: kube-system, labels: {component: etcd, tier: control-plane}}
spec:
  containers: [{name: etcd, image: registry.k8s.io/etcd:3.5.15-0, command: [etcd]}]
`;
    const inventory = inventoryOf(['kubeadm.yaml', configuration], ['etcd.yaml', etcd]);
    assert.deepEqual(needs(requirementsOf(inventory, 'etcd')), [
      '/data/etcd (writable)',
      '/srv/kubernetes/pki/etcd (writable)',
    ]);
  });

  it('needs exactly the paths flags name; the audit log and external etcd files by their directory', () => {
    const inventory = inventoryOf([
      'apiserver.yaml',
      apiserverPod([
        '--audit-policy-file=/etc/kubernetes/audit/policy.yaml',
        '--audit-log-path=/var/log/kubernetes/audit/audit.log',
        '--etcd-cafile=/etc/etcd/pki/ca.crt',
        '--authorization-mode=Node,RBAC',
        '--audit-log-maxage=30',
      ]),
    ]);
    const requirements = requirementsOf(inventory, 'kube-apiserver');
    assert.ok(requirements);
    assert.equal(
      componentNeeding(requirements, '/etc/kubernetes/audit/policy.yaml', false),
      'kube-apiserver',
    );
    assert.equal(componentNeeding(requirements, '/etc/kubernetes/audit/policy.yaml', true), undefined);
    assert.equal(componentNeeding(requirements, '/etc/kubernetes/audit', false), undefined);
    assert.equal(componentNeeding(requirements, '/var/log/kubernetes/audit', true), 'kube-apiserver');
    assert.equal(componentNeeding(requirements, '/var/log/kubernetes/audit/audit.log', false), undefined);
    assert.equal(componentNeeding(requirements, '/etc/etcd/pki', false), 'kube-apiserver');
  });

  it('never needs the root directory, whatever a flag says', () => {
    const inventory = inventoryOf([
      'apiserver.yaml',
      apiserverPod(['--audit-log-path=/audit.log', '--cert-dir=/']),
    ]);
    const requirements = requirementsOf(inventory, 'kube-apiserver');
    assert.ok(requirements);
    assert.equal(componentNeeding(requirements, '/', false), undefined);
  });

  it('leaves out of the pod spec only what is needed: host network, needed volumes, probes of listen addresses', () => {
    const inventory = inventoryOf([
      'apiserver.yaml',
      apiserverPod(
        ['--advertise-address=10.0.0.10'],
        `      livenessProbe: {httpGet: {host: 10.0.0.10, path: /livez, port: 6443}}
      readinessProbe: {httpGet: {host: 10.0.0.99, path: /readyz, port: 6443}}
  hostPID: true
  volumes:
    - {name: k8s-certs, hostPath: {path: /etc/kubernetes/pki/}}
    - {name: root, hostPath: {path: /root}}
`,
      ),
    ]);
    const requirements = requirementsOf(inventory, 'kube-apiserver');
    const workload = inventory.workloads[0];
    assert.ok(requirements && workload);
    const spec = withoutRequirements(requirements, workload.podSpec);
    assert.equal(spec.hostNetwork, undefined);
    assert.equal(spec.hostPID, true);
    assert.deepEqual(spec.volumes, [{ name: 'root', hostPath: { path: '/root' } }]);
    assert.deepEqual(spec.containers, [
      {
        name: 'kube-apiserver',
        image: 'registry.k8s.io/kube-apiserver:v1.31.1',
        command: ['kube-apiserver', '--advertise-address=10.0.0.10'],
        livenessProbe: { httpGet: { path: '/livez', port: 6443 } },
        readinessProbe: { httpGet: { host: '10.0.0.99', path: '/readyz', port: 6443 } },
      },
    ]);
  });
});
