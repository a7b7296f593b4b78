import { dump } from '../../load/js-yaml.ts';

/** What the audit webhook config file says: where kube-apiserver sends events, and how it trusts and authenticates. */
export interface AuditWebhookConfig {
  /** The URL kube-apiserver POSTs EventLists to, e.g. `https://10.0.0.5:8444/audit`. */
  readonly server: string;
  /** PEM of the CA that signed the serving certificate (or the certificate itself, self-signed). */
  readonly caPem: string;
  /** Files on the API server's host of a client certificate and key, when the backend requires one. */
  readonly clientCertificate?: string;
  readonly clientKey?: string;
}

const NAME = 'kubeward-detect';

/**
 * The kubeconfig-format file kube-apiserver reads from `--audit-webhook-config-file`
 * (kubernetes.io docs, "Auditing", Webhook backend: the cluster is the remote service, the user
 * what the API server presents): one cluster with the server URL and the CA data, one user, one
 * context joining them.
 */
export function auditWebhookKubeconfig(config: AuditWebhookConfig): string {
  const user =
    config.clientCertificate === undefined || config.clientKey === undefined
      ? {}
      : { 'client-certificate': config.clientCertificate, 'client-key': config.clientKey };
  return dump(
    {
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [
        {
          name: NAME,
          cluster: {
            server: config.server,
            'certificate-authority-data': Buffer.from(config.caPem).toString('base64'),
          },
        },
      ],
      users: [{ name: 'kube-apiserver', user }],
      contexts: [{ name: NAME, context: { cluster: NAME, user: 'kube-apiserver' } }],
      'current-context': NAME,
    },
    { lineWidth: -1, noRefs: true },
  );
}
