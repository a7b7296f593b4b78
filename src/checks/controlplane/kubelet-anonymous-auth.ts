import { kubeletConfigs } from '../../controlplane/kubelet-configs.ts';
import { getAt } from '../../model/path.ts';
import type { InventoryCheck } from '../../model/check.ts';

/** The kubelet API (10250: exec, logs, pods) must not accept anonymous requests. */
export const kubeletAnonymousAuth: InventoryCheck = {
  id: 'kubelet-anonymous-auth',
  title: 'Kubelet anonymous authentication',
  severity: 'critical',
  theme: 'authn',
  description:
    'With authentication.anonymous.enabled the kubelet lets unauthenticated requests reach its API on port 10250 as system:anonymous; ' +
    'combined with AlwaysAllow authorization that is remote code execution in every pod on the node. The config-file default is false ' +
    '(the --anonymous-auth flag default is true).',
  remediation: 'Set authentication.anonymous.enabled: false in the KubeletConfiguration.',
  nsa: ['authentication'],
  mitre: ['T1609'],
  references: ['CIS 4.2.1', 'Kubescape C-0069', 'kube-hunter KHV036'],
  cis: ['4.2.1'],
  target: 'inventory',
  *run({ inventory }) {
    for (const config of kubeletConfigs(inventory)) {
      if (getAt(config.object, ['authentication', 'anonymous', 'enabled']) === true)
        yield {
          resource: config,
          path: ['authentication', 'anonymous', 'enabled'],
          message: 'kubelet authentication.anonymous.enabled is true',
        };
    }
  },
};
