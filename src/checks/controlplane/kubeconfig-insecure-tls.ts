import { entriesOf, kubeconfigs } from '../../controlplane/kubeconfigs.ts';
import type { InventoryCheck } from '../../model/check.ts';

/** A kubeconfig must verify the API server's certificate and use https. */
export const kubeconfigInsecureTls: InventoryCheck = {
  id: 'kubeconfig-insecure-tls',
  title: 'Kubeconfig without server verification',
  severity: 'high',
  theme: 'tls',
  description:
    'insecure-skip-tls-verify: true, or an http:// server, lets anyone on the path impersonate the API server and capture the ' +
    'credentials the kubeconfig sends.',
  remediation:
    'Remove insecure-skip-tls-verify, use an https:// server and set certificate-authority(-data) to the cluster CA.',
  nsa: ['kubeconfig-files', 'encryption'],
  references: [
    'CIS 4.1.5',
    'https://kubernetes.io/docs/concepts/configuration/organize-cluster-access-kubeconfig/',
  ],
  target: 'inventory',
  *run({ inventory }) {
    for (const kubeconfig of kubeconfigs(inventory)) {
      for (const cluster of entriesOf(kubeconfig, 'clusters')) {
        if (cluster.body['insecure-skip-tls-verify'] === true)
          yield {
            resource: kubeconfig,
            path: ['clusters', cluster.index, 'cluster', 'insecure-skip-tls-verify'],
            message: `kubeconfig cluster ${cluster.name} sets insecure-skip-tls-verify`,
          };
        const server = cluster.body.server;
        if (typeof server === 'string' && server.startsWith('http://'))
          yield {
            resource: kubeconfig,
            path: ['clusters', cluster.index, 'cluster', 'server'],
            message: `kubeconfig cluster ${cluster.name} uses plain-HTTP server ${server}`,
          };
      }
    }
  },
};
