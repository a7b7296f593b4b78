import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfig } from '../../config/parse-config.ts';
import { loadSources } from '../../load/load.ts';
import { scanLoaded } from '../../scan/scan.ts';
import { TEST_NOW } from '../../testing/clock.ts';
import { apiserverAuthorizationMode } from './apiserver-authorization-mode.ts';
import { etcdClientCertAuth } from './etcd-client-cert-auth.ts';
import type { Check } from '../../model/check.ts';

function findings(check: Check, text: string): string[] {
  const loaded = loadSources([{ file: 'node.yaml', text, format: 'yaml', named: true }]);
  const run = parseConfig('<defaults>', '', [check]).run;
  const { report } = scanLoaded(loaded, { checks: [check], run, now: TEST_NOW });
  return report.findings.map((finding) => `${finding.path.join('.')}: ${finding.message}`);
}

const staticPod = (flag: string): string => `apiVersion: v1
kind: Pod
metadata: {name: kube-apiserver, namespace: kube-system}
spec:
  containers:
    - name: kube-apiserver
      image: registry.k8s.io/kube-apiserver:v1.34.1
      command: [kube-apiserver, "${flag}=AlwaysAllow"]
`;

const kubeadm = (name: string): string => `apiVersion: kubeadm.k8s.io/v1beta4
kind: ClusterConfiguration
apiServer:
  extraArgs:
    - {name: ${name}, value: AlwaysAllow}
`;

// The components read `_` in a flag name as `-`: k8s.io/component-base cli/run.go sets
// cmd.SetGlobalNormalizationFunc(cliflag.WordSepNormalizeFunc), and WordSepNormalizeFunc
// (component-base cli/flag/flags.go) replaces every `_` with `-`. kubeadm's ArgumentsToCommand
// (cmd/kubeadm/app/util/arguments.go) matches extraArgs to its own flags by exact name and writes each
// as `--name=value`, so the component normalises extraArgs names too. etcd parses its flags with Go's
// flag package (server/etcdmain/config.go), which does not.
describe('flag names normalise _ to - as component-base does', () => {
  it('draws the same findings for --authorization_mode as for --authorization-mode in a static pod', () => {
    const dashed = findings(apiserverAuthorizationMode, staticPod('--authorization-mode'));
    assert.deepEqual(dashed, [
      'spec.containers.0.command.1: kube-apiserver --authorization-mode includes AlwaysAllow',
      'spec.containers.0.command.1: kube-apiserver --authorization-mode lacks Node',
      'spec.containers.0.command.1: kube-apiserver --authorization-mode lacks RBAC',
    ]);
    assert.deepEqual(findings(apiserverAuthorizationMode, staticPod('--authorization_mode')), dashed);
  });
  it('reads an extraArgs authorization_mode as --authorization-mode, beside the kubeadm default it does not replace', () => {
    assert.deepEqual(findings(apiserverAuthorizationMode, kubeadm('authorization-mode')), [
      'apiServer.extraArgs.0.value: kube-apiserver --authorization-mode includes AlwaysAllow',
      'apiServer.extraArgs.0.value: kube-apiserver --authorization-mode lacks Node',
      'apiServer.extraArgs.0.value: kube-apiserver --authorization-mode lacks RBAC',
    ]);
    assert.deepEqual(findings(apiserverAuthorizationMode, kubeadm('authorization_mode')), [
      'apiServer.extraArgs.0.value: kube-apiserver --authorization-mode includes AlwaysAllow',
    ]);
  });
  it('leaves etcd flag names as written', () => {
    const etcd = (flag: string): string => `apiVersion: v1
kind: Pod
metadata: {name: etcd, namespace: kube-system}
spec:
  containers:
    - name: etcd
      image: registry.k8s.io/etcd:3.6.4-0
      command: [etcd, "${flag}=false"]
`;
    const about = (flag: string): string[] =>
      findings(etcdClientCertAuth, etcd(flag)).filter((finding) => finding.includes('client'));
    assert.deepEqual(about('--client-cert-auth'), [
      'spec.containers.0.command.1: etcd --client-cert-auth=false accepts clients without a certificate',
    ]);
    assert.deepEqual(about('--client_cert_auth'), [
      'spec.containers.0.command: etcd sets no --client-cert-auth, so clients need no certificate',
    ]);
  });
});
