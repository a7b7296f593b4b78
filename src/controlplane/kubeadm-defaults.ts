import type { ComponentName } from './components.ts';

/**
 * The security-relevant flags kubeadm writes into each static pod before applying `extraArgs`
 * (kubernetes/kubernetes cmd/kubeadm/app/phases/controlplane/manifests.go and phases/etcd/local.go),
 * with the default certificatesDir /etc/kubernetes/pki. `extraArgs` override them.
 */
export const KUBEADM_DEFAULT_FLAGS: Readonly<Record<ComponentName, readonly (readonly [string, string])[]>> =
  {
    'kube-apiserver': [
      ['authorization-mode', 'Node,RBAC'],
      ['enable-admission-plugins', 'NodeRestriction'],
      ['enable-bootstrap-token-auth', 'true'],
      ['client-ca-file', '/etc/kubernetes/pki/ca.crt'],
      ['tls-cert-file', '/etc/kubernetes/pki/apiserver.crt'],
      ['tls-private-key-file', '/etc/kubernetes/pki/apiserver.key'],
      ['kubelet-client-certificate', '/etc/kubernetes/pki/apiserver-kubelet-client.crt'],
      ['kubelet-client-key', '/etc/kubernetes/pki/apiserver-kubelet-client.key'],
      ['service-account-key-file', '/etc/kubernetes/pki/sa.pub'],
      ['service-account-signing-key-file', '/etc/kubernetes/pki/sa.key'],
      ['etcd-servers', 'https://127.0.0.1:2379'],
      ['etcd-cafile', '/etc/kubernetes/pki/etcd/ca.crt'],
      ['etcd-certfile', '/etc/kubernetes/pki/apiserver-etcd-client.crt'],
      ['etcd-keyfile', '/etc/kubernetes/pki/apiserver-etcd-client.key'],
    ],
    'kube-controller-manager': [
      ['bind-address', '127.0.0.1'],
      ['use-service-account-credentials', 'true'],
      ['root-ca-file', '/etc/kubernetes/pki/ca.crt'],
      ['service-account-private-key-file', '/etc/kubernetes/pki/sa.key'],
    ],
    'kube-scheduler': [['bind-address', '127.0.0.1']],
    etcd: [
      ['cert-file', '/etc/kubernetes/pki/etcd/server.crt'],
      ['key-file', '/etc/kubernetes/pki/etcd/server.key'],
      ['trusted-ca-file', '/etc/kubernetes/pki/etcd/ca.crt'],
      ['client-cert-auth', 'true'],
      ['peer-cert-file', '/etc/kubernetes/pki/etcd/peer.crt'],
      ['peer-key-file', '/etc/kubernetes/pki/etcd/peer.key'],
      ['peer-trusted-ca-file', '/etc/kubernetes/pki/etcd/ca.crt'],
      ['peer-client-cert-auth', 'true'],
      ['listen-client-urls', 'https://127.0.0.1:2379'],
    ],
  };
