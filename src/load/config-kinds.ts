import { apiGroup } from '../model/resource.ts';

/**
 * Kinds that configure a node or a control-plane component rather than describe a cluster object,
 * by API group. They are kept in the inventory for the control-plane analyzers, never scanned as workloads.
 */
const CONFIG_KINDS: Readonly<Record<string, readonly string[]>> = {
  'kubelet.config.k8s.io': ['KubeletConfiguration', 'CredentialProviderConfig'],
  'apiserver.config.k8s.io': [
    'EncryptionConfiguration',
    'AdmissionConfiguration',
    'AuthenticationConfiguration',
    'AuthorizationConfiguration',
    'EgressSelectorConfiguration',
    'TracingConfiguration',
  ],
  'apiserver.k8s.io': ['AdmissionConfiguration', 'EgressSelectorConfiguration'],
  'audit.k8s.io': ['Policy'],
  'kubeadm.k8s.io': [
    'ClusterConfiguration',
    'InitConfiguration',
    'JoinConfiguration',
    'ResetConfiguration',
    'UpgradeConfiguration',
  ],
  'kubeproxy.config.k8s.io': ['KubeProxyConfiguration'],
  'kubescheduler.config.k8s.io': ['KubeSchedulerConfiguration'],
  'kubecontrolplane.config.k8s.io': ['KubeControllerManagerConfiguration'],
  'pod-security.admission.config.k8s.io': ['PodSecurityConfiguration'],
  'kustomize.config.k8s.io': ['Kustomization', 'Component'],
  '': ['Config'],
};

/** Groups whose config kinds are build files of a repository (kustomize), not of a node or component. */
const BUILD_GROUPS: ReadonlySet<string> = new Set(['kustomize.config.k8s.io']);

/**
 * True when apiVersion/kind name a configuration file of a node or a control-plane component (a
 * kubelet config, an EncryptionConfiguration, a kubeconfig); false for a `kustomization.yaml`, which
 * only builds manifests.
 */
export function isNodeConfigKind(apiVersion: string, kind: string): boolean {
  return isConfigKind(apiVersion, kind) && !BUILD_GROUPS.has(apiGroup(apiVersion));
}

/** True when apiVersion/kind name a configuration file (a kubeconfig is `v1`/`Config`). */
export function isConfigKind(apiVersion: string, kind: string): boolean {
  return CONFIG_KINDS[apiGroup(apiVersion)]?.includes(kind) ?? false;
}
