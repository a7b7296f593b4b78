import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfig } from '../../config/parse-config.ts';
import { loadSources } from '../../load/load.ts';
import { scanLoaded } from '../../scan/scan.ts';
import { TEST_NOW } from '../../testing/clock.ts';
import { staticPodManifest } from '../../testing/static-pod.ts';
import { CONTROLPLANE_CHECKS } from './index.ts';

const ADMISSION = /^apiserver-(admission|insecure-port)/;

function findings(text: string): string[] {
  const loaded = loadSources([{ file: 'kube-apiserver.yaml', text, format: 'yaml', named: true }]);
  const checks = CONTROLPLANE_CHECKS.filter((check) => ADMISSION.test(check.id));
  const run = parseConfig('<defaults>', '', checks).run;
  const { report } = scanLoaded(loaded, { checks, run, now: TEST_NOW });
  return report.findings.map((finding) => `${finding.checkId} ${finding.path.join('.')}: ${finding.message}`);
}

const apiserver = (...flags: string[]): string =>
  staticPodManifest('kube-apiserver', 'registry.k8s.io/kube-apiserver:v1.34.1', flags);

describe('an API server with an insecure port and a permissive admission chain', () => {
  it('draws a finding for each problem, at the flag that causes it, the most severe first', () => {
    assert.deepEqual(
      findings(
        apiserver(
          '--insecure-port=8080',
          '--insecure-bind-address=0.0.0.0',
          '--enable-admission-plugins=AlwaysAdmit',
          '--disable-admission-plugins=PodSecurity,ServiceAccount',
        ),
      ),
      [
        'apiserver-insecure-port spec.containers.0.command.1: kube-apiserver 1.34 refuses to start on --insecure-port=8080: the flag was removed in 1.24; it asks for the unauthenticated HTTP port',
        'apiserver-insecure-port spec.containers.0.command.2: kube-apiserver 1.34 refuses to start on --insecure-bind-address=0.0.0.0: the flag was removed in 1.24; it asks for the unauthenticated HTTP port',
        'apiserver-admission-node-restriction spec.containers.0.command: kube-apiserver does not enable NodeRestriction: it is off by default in Kubernetes 1.34 and --enable-admission-plugins does not name it, so a kubelet may modify other nodes and pods not bound to it',
        'apiserver-admission-pod-security spec.containers.0.command.4: kube-apiserver --disable-admission-plugins turns off PodSecurity, so namespace Pod Security labels are not enforced',
        'apiserver-admission-always-admit spec.containers.0.command.3: kube-apiserver --enable-admission-plugins enables AlwaysAdmit, which admits every request unchecked',
        'apiserver-admission-service-account spec.containers.0.command.4: kube-apiserver --disable-admission-plugins turns off ServiceAccount, so pods are not bound to a ServiceAccount that exists',
      ],
    );
  });
  it('draws none for the admission flags kubeadm writes', () => {
    assert.deepEqual(findings(apiserver('--enable-admission-plugins=NodeRestriction')), []);
  });
});
