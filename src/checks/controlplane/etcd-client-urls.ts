import { addressScope, hostOf } from '../../controlplane/address.ts';
import { flagsNamed, listOf, viewsOf } from '../../controlplane/components.ts';
import { flagViolation } from '../../controlplane/violation.ts';
import type { InventoryCheck } from '../../model/check.ts';

/** etcd must listen for clients over https and only on loopback or private addresses. */
export const etcdClientUrls: InventoryCheck = {
  id: 'etcd-client-urls',
  title: 'etcd client listen addresses',
  severity: 'high',
  theme: 'etcd',
  description:
    'etcd should be reachable only by the API servers: --listen-client-urls and --listen-peer-urls must use https and bind to ' +
    'loopback or a private control-plane address, never a wildcard (0.0.0.0, [::]) or a public address.',
  remediation:
    "Bind etcd to https://127.0.0.1:2379 and the node's private address, and firewall 2379-2380 to the control plane.",
  nsa: ['etcd'],
  references: ['NSA/CISA Kubernetes Hardening Guide: control plane ports', 'kube-hunter KHV034'],
  target: 'inventory',
  *run({ inventory }) {
    for (const view of viewsOf(inventory, 'etcd')) {
      for (const name of ['listen-client-urls', 'listen-peer-urls']) {
        const flag = flagsNamed(view, name).at(-1);
        for (const url of listOf(view, name)) {
          if (!url.startsWith('https://'))
            yield flagViolation(view, flag, `etcd --${name} includes ${url}, which is not https`);
          const host = hostOf(url);
          if (host !== undefined && addressScope(host) === 'public')
            yield flagViolation(view, flag, `etcd --${name} includes ${url}, a wildcard or public address`);
        }
      }
    }
  },
};
