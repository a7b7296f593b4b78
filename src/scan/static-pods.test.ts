// Static pods scanned as a node's files and as a cluster dump. testdata/static-pods/kubeadm-node
// models what `kubeadm init` v1.31 writes (cmd/kubeadm/app/phases/controlplane/manifests.go and
// volumes.go, phases/etcd/local.go, util/staticpod/utils.go ComponentPod, the kubelet's config);
// testdata/static-pods/cluster-dump is `kubectl get pods -n kube-system -o yaml` on that node: the
// mirror pods the kubelet creates (pkg/kubelet/types/pod_update.go annotations, a Node owner), kube-proxy
// and CoreDNS. A static pod has no ServiceAccount, no token and no controller but the kubelet
// (kubernetes.io/docs/tasks/configure-pod-container/static-pod: "The spec of a static Pod cannot refer
// to other API objects"); what its component needs from the node is reported as info.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CHECKS } from '../checks/registry.ts';
import { parseConfig } from '../config/parse-config.ts';
import type { Finding } from '../model/finding.ts';
import { TEST_NOW } from '../testing/clock.ts';
import { loadInputs } from './inputs.ts';
import { scanLoaded } from './scan.ts';

const STATIC_PODS = join(import.meta.dirname, '..', '..', 'testdata', 'static-pods');

/** Checks about a ServiceAccount, a token, a controller or a namespace's neighbours: none applies. */
const NOT_FOR_STATIC_PODS = [
  'naked-pod',
  'default-service-account',
  'automount-service-account-token',
  'workload-in-kube-system',
  'rbac-workload-cluster-admin-path',
];

const CONTROL_PLANE = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler'];

async function scan(directory: string, config = ''): Promise<readonly Finding[]> {
  const loaded = await loadInputs([join(STATIC_PODS, directory)], { recursive: true });
  assert.deepEqual(loaded.diagnostics, []);
  const { run } = parseConfig('<test>', config, CHECKS);
  return scanLoaded(loaded, { checks: CHECKS, run, now: TEST_NOW }).report.findings;
}

function onControlPlane(findings: readonly Finding[]): Finding[] {
  return findings.filter(
    (finding) =>
      finding.object.kind === 'Pod' &&
      CONTROL_PLANE.some((name) => finding.object.name === name || finding.object.name === `${name}-cp-1`),
  );
}

function line(finding: Finding): string {
  return `${finding.object.name} ${finding.checkId} ${finding.severity}: ${finding.message}`;
}

describe('static pods on a kubeadm node', () => {
  it('draw none of the checks about ServiceAccounts, tokens, controllers and system namespaces', async () => {
    const findings = onControlPlane(await scan('kubeadm-node'));
    assert.ok(findings.length > 0);
    assert.deepEqual(
      findings.filter((finding) => NOT_FOR_STATIC_PODS.includes(finding.checkId)).map(line),
      [],
    );
  });

  it("report kubeadm's hostPath mounts as info, as requirements of each component", async () => {
    const hostPaths = onControlPlane(await scan('kubeadm-node')).filter((finding) =>
      finding.checkId.startsWith('host-path-'),
    );
    assert.deepEqual(hostPaths.map(line), [
      'etcd host-path-sensitive info: hostPath /etc/kubernetes/pki/etcd mounted: required by etcd (static pod)',
      'etcd host-path-sensitive info: hostPath /var/lib/etcd mounted: required by etcd (static pod)',
      'etcd host-path-writable info: container "etcd" mounts hostPath /var/lib/etcd writable: required by etcd (static pod)',
      'etcd host-path-writable info: container "etcd" mounts hostPath /etc/kubernetes/pki/etcd writable: required by etcd (static pod)',
      'kube-apiserver host-path-sensitive info: hostPath /etc/ssl/certs mounted: required by kube-apiserver (static pod)',
      'kube-apiserver host-path-sensitive info: hostPath /etc/ca-certificates mounted: required by kube-apiserver (static pod)',
      'kube-apiserver host-path-sensitive info: hostPath /etc/kubernetes/pki mounted: required by kube-apiserver (static pod)',
      'kube-apiserver host-path-sensitive info: hostPath /usr/local/share/ca-certificates mounted: required by kube-apiserver (static pod)',
      'kube-apiserver host-path-sensitive info: hostPath /usr/share/ca-certificates mounted: required by kube-apiserver (static pod)',
      'kube-controller-manager host-path-sensitive info: hostPath /etc/ssl/certs mounted: required by kube-controller-manager (static pod)',
      'kube-controller-manager host-path-sensitive info: hostPath /etc/ca-certificates mounted: required by kube-controller-manager (static pod)',
      'kube-controller-manager host-path-sensitive info: hostPath /usr/libexec/kubernetes/kubelet-plugins/volume/exec mounted: required by kube-controller-manager (static pod)',
      'kube-controller-manager host-path-sensitive info: hostPath /etc/kubernetes/pki mounted: required by kube-controller-manager (static pod)',
      'kube-controller-manager host-path-sensitive info: hostPath /etc/kubernetes/controller-manager.conf mounted: required by kube-controller-manager (static pod)',
      'kube-controller-manager host-path-sensitive info: hostPath /usr/local/share/ca-certificates mounted: required by kube-controller-manager (static pod)',
      'kube-controller-manager host-path-sensitive info: hostPath /usr/share/ca-certificates mounted: required by kube-controller-manager (static pod)',
      'kube-controller-manager host-path-writable info: container "kube-controller-manager" mounts hostPath /usr/libexec/kubernetes/kubelet-plugins/volume/exec writable: required by kube-controller-manager (static pod)',
      'kube-scheduler host-path-sensitive info: hostPath /etc/kubernetes/scheduler.conf mounted: required by kube-scheduler (static pod)',
    ]);
  });

  it('are judged on their flags by the control-plane checks', async () => {
    const findings = onControlPlane(await scan('kubeadm-node'));
    assert.ok(
      findings.some(
        (finding) => finding.checkId === 'apiserver-kubelet-tls' && finding.object.name === 'kube-apiserver',
      ),
    );
  });

  it('keep a severity set in the configuration, which wins over a requirement', async () => {
    const findings = onControlPlane(
      await scan('kubeadm-node', 'checks:\n  severity:\n    host-path-sensitive: medium\n'),
    );
    const sensitive = findings.filter((finding) => finding.checkId === 'host-path-sensitive');
    assert.equal(sensitive.length, 15);
    assert.ok(sensitive.every((finding) => finding.severity === 'medium'));
  });
});

describe('Pod Security findings on control-plane static pods, once kube-system is judged', () => {
  const config = (level: string) => `settings:\n  pssSystemNamespaces: []\n  pssLevel: ${level}\n`;
  const podSecurity = async (level: string) =>
    (await scan('pod-security', config(level)))
      .filter((finding) => /^pss-(host-|restricted-volumes)/.test(finding.checkId))
      .map(line);

  it('are info when the pod fails only for what its component needs, at their severity otherwise (baseline)', async () => {
    assert.deepEqual(await podSecurity('baseline'), [
      'etcd pss-host-namespaces high: host namespaces (hostNetwork=true, hostPID=true)',
      'kube-apiserver pss-host-namespaces info: host namespaces (hostNetwork=true): required by kube-apiserver (static pod)',
      'kube-apiserver pss-host-path-volumes info: hostPath volumes (volume "k8s-certs"): required by kube-apiserver (static pod)',
      'kube-apiserver pss-host-probes-and-host-lifecycle info: probe or lifecycle host (container "kube-apiserver" uses probe or lifecycle host "10.0.0.10"): required by kube-apiserver (static pod)',
      'kube-controller-manager pss-host-path-volumes high: hostPath volumes (volumes "k8s-certs", "var-lib-kubelet")',
      'kube-controller-manager pss-host-namespaces info: host namespaces (hostNetwork=true): required by kube-controller-manager (static pod)',
      'kube-controller-manager pss-host-probes-and-host-lifecycle info: probe or lifecycle host (container "kube-controller-manager" uses probe or lifecycle host "127.0.0.1"): required by kube-controller-manager (static pod)',
      'kube-scheduler pss-host-probes-and-host-lifecycle medium: probe or lifecycle host (container "kube-scheduler" uses probe or lifecycle host "169.254.169.254")',
      'kube-scheduler pss-host-namespaces info: host namespaces (hostNetwork=true): required by kube-scheduler (static pod)',
      'kube-scheduler pss-host-path-volumes info: hostPath volumes (volume "kubeconfig"): required by kube-scheduler (static pod)',
    ]);
  });

  it('are info when the pod fails only for what its component needs, at their severity otherwise (restricted)', async () => {
    const restricted = (await podSecurity('restricted')).filter((finding) =>
      finding.includes('pss-restricted-volumes'),
    );
    assert.deepEqual(restricted, [
      'kube-apiserver pss-restricted-volumes info: restricted volume types (volume "k8s-certs" uses restricted volume type "hostPath"): required by kube-apiserver (static pod)',
      'kube-controller-manager pss-restricted-volumes medium: restricted volume types (volumes "k8s-certs", "var-lib-kubelet" use restricted volume type "hostPath")',
      'kube-scheduler pss-restricted-volumes info: restricted volume types (volume "kubeconfig" uses restricted volume type "hostPath"): required by kube-scheduler (static pod)',
    ]);
  });
});

describe('mirror pods in a cluster dump', () => {
  it('draw none of the checks about ServiceAccounts, tokens, controllers and system namespaces', async () => {
    const findings = onControlPlane(await scan('cluster-dump'));
    assert.equal(new Set(findings.map((finding) => finding.object.name)).size, 4);
    assert.deepEqual(
      findings.filter((finding) => NOT_FOR_STATIC_PODS.includes(finding.checkId)).map(line),
      [],
    );
    const hostPaths = findings.filter((finding) => finding.checkId.startsWith('host-path-'));
    assert.equal(hostPaths.length, 18);
    assert.ok(
      hostPaths.every((finding) => finding.severity === 'info' && finding.message.endsWith('(static pod)')),
    );
  });

  it('leave the pods of DaemonSets and Deployments in kube-system as they were', async () => {
    const findings = (await scan('cluster-dump')).filter(
      (finding) =>
        finding.object.name.startsWith('kube-proxy-') || finding.object.name.startsWith('coredns-'),
    );
    const of = (name: string, check: string) =>
      findings
        .filter((finding) => finding.object.name.startsWith(name) && finding.checkId === check)
        .map((finding) => `${finding.severity}: ${finding.message}`);
    assert.deepEqual(of('kube-proxy-', 'host-path-sensitive'), [
      'high: volume "lib-modules" mounts /lib/modules from the host, exposing the kernel modules',
    ]);
    assert.deepEqual(of('kube-proxy-', 'workload-in-kube-system'), [
      'medium: Pod "kube-proxy-x7k2p" runs in system namespace kube-system',
    ]);
    assert.deepEqual(of('coredns-', 'automount-service-account-token'), [
      'medium: pod mounts the token of ServiceAccount "coredns" (automountServiceAccountToken is not false)',
    ]);
  });
});
