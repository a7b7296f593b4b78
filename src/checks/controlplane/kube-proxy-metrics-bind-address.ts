import { addressScope } from '../../controlplane/address.ts';
import { valueText } from '../../controlplane/kubelet-configs.ts';
import type { InventoryCheck } from '../../model/check.ts';

/** The host part of `host:port`, `[v6]:port`, or a bare host. */
function hostPart(address: string): string {
  const bracketed = /^\[([^\]]*)\]/.exec(address);
  if (bracketed) return bracketed[1] ?? '';
  const colons = address.split(':').length - 1;
  return colons === 1 ? (address.split(':')[0] ?? '') : address;
}

/** kube-proxy should serve its unauthenticated metrics on localhost only. */
export const kubeProxyMetricsBindAddress: InventoryCheck = {
  id: 'kube-proxy-metrics-bind-address',
  title: 'kube-proxy metrics bind address',
  severity: 'low',
  theme: 'network',
  description:
    'kube-proxy serves /metrics (and, on the same port, its configuration at /configz) over plain HTTP without authentication on ' +
    'metricsBindAddress, 127.0.0.1:10249 by default. Bound to a wildcard or a node address, anyone who reaches the node reads the ' +
    "proxy's configuration and the cluster's Service layout.",
  remediation:
    'Leave metricsBindAddress empty or set it to 127.0.0.1:10249 in the KubeProxyConfiguration; scrape it through a local agent.',
  nsa: ['worker-node-segmentation'],
  mitre: ['T1046'],
  references: ['https://kubernetes.io/docs/reference/config-api/kube-proxy-config.v1alpha1/'],
  cis: ['4.3.1'],
  target: 'inventory',
  *run({ inventory }) {
    for (const config of inventory.configs) {
      if (
        config.kind !== 'KubeProxyConfiguration' ||
        !config.apiVersion.startsWith('kubeproxy.config.k8s.io/')
      )
        continue;
      const address = config.object.metricsBindAddress;
      if (address === undefined || address === null || address === '') continue;
      if (typeof address === 'string' && addressScope(hostPart(address)) === 'loopback') continue;
      yield {
        resource: config,
        path: ['metricsBindAddress'],
        message: `kube-proxy metricsBindAddress is ${valueText(address)}, serving unauthenticated metrics beyond localhost`,
      };
    }
  },
};
