import { normaliseFilePath } from '../model/file-path.ts';
import type { Inventory } from '../model/inventory.ts';
import { getAt } from '../model/path.ts';
import type { ComponentName } from './components.ts';

/** A host path a component's static pod mounts, and whether the component writes to it. */
export interface HostPathNeed {
  readonly path: string;
  readonly writable: boolean;
}

/** kubeadm's directory for certificates and keys (ClusterConfiguration `certificatesDir`'s default). */
const KUBEADM_CERTIFICATES_DIR = '/etc/kubernetes/pki';

/** kubeadm's etcd data directory (ClusterConfiguration `etcd.local.dataDir`'s default). */
const KUBEADM_ETCD_DATA_DIR = '/var/lib/etcd';

/**
 * The host's CA bundles kubeadm mounts into kube-apiserver and kube-controller-manager:
 * `/etc/ssl/certs` always, and those of the others that exist on the node, since /etc/ssl/certs may
 * link into them (cmd/kubeadm/app/phases/controlplane/volumes.go `caCertsVolumePath`,
 * `caCertsExtraVolumePaths`: `/etc/pki` up to v1.30, `/etc/pki/ca-trust` and `/etc/pki/tls/certs` since).
 */
const CA_CERTIFICATE_PATHS: readonly string[] = [
  '/etc/ssl/certs',
  '/etc/pki',
  '/etc/pki/ca-trust',
  '/etc/pki/tls/certs',
  '/etc/ca-certificates',
  '/usr/share/ca-certificates',
  '/usr/local/share/ca-certificates',
];

/** kube-controller-manager's FlexVolume plugin directory, mounted writable (volumes.go `defaultFlexvolumeDirVolumePath`). */
const FLEXVOLUME_DIR = '/usr/libexec/kubernetes/kubelet-plugins/volume/exec';

/** Where kubeadm's directories are on one cluster: its defaults, or a ClusterConfiguration's. */
export interface KubeadmDirectories {
  readonly certificatesDir: string;
  readonly etcdDataDir: string;
}

/**
 * The hostPath volumes kubeadm writes into a component's static pod manifest, without the
 * `extraVolumes` of its ClusterConfiguration: cmd/kubeadm/app/phases/controlplane/volumes.go
 * (`getHostPathVolumesForTheControlPlane`: certificates, CA bundles, the kubeconfigs of the
 * controller-manager and the scheduler, the FlexVolume directory) and cmd/kubeadm/app/phases/etcd/local.go
 * (`GetEtcdPodSpec`: the data directory and `<certificatesDir>/etcd`, both mounted writable).
 */
export function kubeadmHostPaths(component: ComponentName, directories: KubeadmDirectories): HostPathNeed[] {
  const readOnly = (path: string): HostPathNeed => ({ path, writable: false });
  const caCertificates = CA_CERTIFICATE_PATHS.map(readOnly);
  switch (component) {
    case 'kube-apiserver':
      return [readOnly(directories.certificatesDir), ...caCertificates];
    case 'kube-controller-manager':
      return [
        readOnly(directories.certificatesDir),
        ...caCertificates,
        readOnly('/etc/kubernetes/controller-manager.conf'),
        { path: FLEXVOLUME_DIR, writable: true },
      ];
    case 'kube-scheduler':
      return [readOnly('/etc/kubernetes/scheduler.conf')];
    case 'etcd':
      return [
        { path: directories.etcdDataDir, writable: true },
        { path: `${directories.certificatesDir}/etcd`, writable: true },
      ];
  }
}

/**
 * Flags whose path a component needs mounted beyond the path itself, or writable: the directory of
 * the audit log kube-apiserver writes and rotates; the directories of an external etcd's client
 * certificate files, which kubeadm mounts (volumes.go `getEtcdCertVolumes`); etcd's data and WAL
 * directories and the controller-manager's FlexVolume directory, which they write.
 */
export const PATH_FLAGS: readonly {
  readonly component: ComponentName;
  readonly flag: string;
  /** `directory`: the directory holding the file the flag names. */
  readonly mounts: 'path' | 'directory';
  readonly writable: boolean;
}[] = [
  { component: 'kube-apiserver', flag: 'audit-log-path', mounts: 'directory', writable: true },
  { component: 'kube-apiserver', flag: 'etcd-cafile', mounts: 'directory', writable: false },
  { component: 'kube-apiserver', flag: 'etcd-certfile', mounts: 'directory', writable: false },
  { component: 'kube-apiserver', flag: 'etcd-keyfile', mounts: 'directory', writable: false },
  { component: 'etcd', flag: 'data-dir', mounts: 'path', writable: true },
  { component: 'etcd', flag: 'wal-dir', mounts: 'path', writable: true },
  { component: 'kube-controller-manager', flag: 'flex-volume-plugin-dir', mounts: 'path', writable: true },
];

/**
 * kubeadm's directories on the cluster of the input: its first ClusterConfiguration's
 * `certificatesDir` and `etcd.local.dataDir`, else kubeadm's defaults.
 */
export function kubeadmDirectoriesOf(inventory: Inventory): KubeadmDirectories {
  const configuration = inventory.configs.find((config) => config.kind === 'ClusterConfiguration');
  const certificatesDir = configuration?.object.certificatesDir;
  const dataDir = configuration ? getAt(configuration.object, ['etcd', 'local', 'dataDir']) : undefined;
  return {
    certificatesDir:
      typeof certificatesDir === 'string' && certificatesDir.startsWith('/')
        ? normaliseFilePath(certificatesDir)
        : KUBEADM_CERTIFICATES_DIR,
    etcdDataDir:
      typeof dataDir === 'string' && dataDir.startsWith('/')
        ? normaliseFilePath(dataDir)
        : KUBEADM_ETCD_DATA_DIR,
  };
}
