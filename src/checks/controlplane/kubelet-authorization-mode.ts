import { kubeletConfigs, valueText } from '../../controlplane/kubelet-configs.ts';
import { getAt } from '../../model/path.ts';
import type { InventoryCheck } from '../../model/check.ts';

/** The kubelet must ask the API server (Webhook) whether a caller may use its API. */
export const kubeletAuthorizationMode: InventoryCheck = {
  id: 'kubelet-authorization-mode',
  title: 'Kubelet authorization mode',
  severity: 'critical',
  theme: 'rbac',
  description:
    'authorization.mode AlwaysAllow lets every authenticated caller exec into pods and read logs through the kubelet. The config-file ' +
    'default is Webhook (SubjectAccessReview against RBAC); the flag default is AlwaysAllow.',
  remediation:
    'Set authorization.mode: Webhook and authentication.webhook.enabled: true in the KubeletConfiguration.',
  nsa: ['authentication'],
  mitre: ['T1609'],
  references: ['CIS 4.2.2'],
  cis: ['4.2.2'],
  target: 'inventory',
  *run({ inventory }) {
    for (const config of kubeletConfigs(inventory)) {
      const mode = getAt(config.object, ['authorization', 'mode']);
      if (mode !== undefined && mode !== 'Webhook')
        yield {
          resource: config,
          path: ['authorization', 'mode'],
          message: `kubelet authorization.mode is ${valueText(mode)}, not Webhook`,
        };
      if (getAt(config.object, ['authentication', 'webhook', 'enabled']) === false)
        yield {
          resource: config,
          path: ['authentication', 'webhook', 'enabled'],
          message: 'kubelet authentication.webhook.enabled is false, so bearer tokens are not authenticated',
        };
    }
  },
};
