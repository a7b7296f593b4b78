import { componentViews } from '../../controlplane/components.ts';
import { isNodeConfigKind } from '../../load/config-kinds.ts';
import type { Inventory } from '../../model/inventory.ts';
import type { Check, InventoryCheck } from '../../model/check.ts';
import { apiserverAdmissionAlwaysAdmit } from './apiserver-admission-always-admit.ts';
import { apiserverAdmissionFlags } from './apiserver-admission-flags.ts';
import { apiserverAdmissionNamespaceLifecycle } from './apiserver-admission-namespace-lifecycle.ts';
import { apiserverAdmissionNodeRestriction } from './apiserver-admission-node-restriction.ts';
import { apiserverAdmissionPodSecurity } from './apiserver-admission-pod-security.ts';
import { apiserverAdmissionServiceAccount } from './apiserver-admission-service-account.ts';
import { apiserverInsecurePort } from './apiserver-insecure-port.ts';
import { apiserverServiceAccountKeyFile } from './apiserver-service-account-key-file.ts';
import { apiserverServiceAccountLookup } from './apiserver-service-account-lookup.ts';
import { apiserverServiceAccountTokenExtension } from './apiserver-service-account-token-extension.ts';
import { controllerManagerKubeletServingRotation } from './controller-manager-kubelet-serving-rotation.ts';
import { controllerManagerServiceAccountCredentials } from './controller-manager-service-account-credentials.ts';
import { kubeProxyMetricsBindAddress } from './kube-proxy-metrics-bind-address.ts';
import { kubeletIptablesUtilChains } from './kubelet-iptables-util-chains.ts';
import { apiserverAnonymousAuth } from './apiserver-anonymous-auth.ts';
import { apiserverAuditLog } from './apiserver-audit-log.ts';
import { apiserverAuthorizationMode } from './apiserver-authorization-mode.ts';
import { apiserverEncryptionConfig } from './apiserver-encryption-config.ts';
import { apiserverEtcdTls } from './apiserver-etcd-tls.ts';
import { apiserverExternalAuthn } from './apiserver-external-authn.ts';
import { apiserverKubeletTls } from './apiserver-kubelet-tls.ts';
import { apiserverServingTls } from './apiserver-serving-tls.ts';
import { apiserverStaticCredentials } from './apiserver-static-credentials.ts';
import { auditPolicyCoverage } from './audit-policy-coverage.ts';
import { certificateExpiry } from './certificate-expiry.ts';
import { certificateKeyStrength } from './certificate-key-strength.ts';
import { certificateRoles } from './certificate-roles.ts';
import { controlPlaneBindAddress } from './control-plane-bind-address.ts';
import { controlPlaneProfiling } from './control-plane-profiling.ts';
import { encryptionKeyStrength } from './encryption-key-strength.ts';
import { encryptionProviderStrength } from './encryption-provider-strength.ts';
import { etcdClientCertAuth } from './etcd-client-cert-auth.ts';
import { etcdClientUrls } from './etcd-client-urls.ts';
import { etcdPeerCertAuth } from './etcd-peer-cert-auth.ts';
import { kubeconfigInsecureTls } from './kubeconfig-insecure-tls.ts';
import { kubeconfigStaticCredentials } from './kubeconfig-static-credentials.ts';
import { kubeletAnonymousAuth } from './kubelet-anonymous-auth.ts';
import { kubeletAuthorizationMode } from './kubelet-authorization-mode.ts';
import { kubeletCertificateRotation } from './kubelet-certificate-rotation.ts';
import { kubeletProtectKernelDefaults } from './kubelet-protect-kernel-defaults.ts';
import { kubeletReadOnlyPort } from './kubelet-read-only-port.ts';
import { kubeletServingTls } from './kubelet-serving-tls.ts';
import { nodeFilePermissions } from './node-file-permissions.ts';
import { tlsVersionAndCiphers } from './tls-version-and-ciphers.ts';

/**
 * Control-plane, etcd and kubelet hardening checks over static pod manifests, kubeadm configs,
 * KubeletConfiguration, EncryptionConfiguration, audit Policy and kubeconfigs (themes tls, authn,
 * rbac, etcd, keys, config, network), then over a node's certificates, keys and file modes. Absent
 * components and files are not applicable and give no finding.
 */
export const CONTROLPLANE_CHECKS: readonly Check[] = [
  ...withApplicability([
    apiserverServingTls,
    apiserverKubeletTls,
    apiserverEtcdTls,
    tlsVersionAndCiphers,
    apiserverAuthorizationMode,
    apiserverAnonymousAuth,
    apiserverInsecurePort,
    apiserverStaticCredentials,
    apiserverAdmissionFlags,
    apiserverAdmissionAlwaysAdmit,
    apiserverAdmissionNodeRestriction,
    apiserverAdmissionServiceAccount,
    apiserverAdmissionNamespaceLifecycle,
    apiserverAdmissionPodSecurity,
    apiserverServiceAccountKeyFile,
    apiserverServiceAccountLookup,
    apiserverServiceAccountTokenExtension,
    apiserverExternalAuthn,
    apiserverAuditLog,
    auditPolicyCoverage,
    apiserverEncryptionConfig,
    encryptionProviderStrength,
    encryptionKeyStrength,
    etcdClientCertAuth,
    etcdPeerCertAuth,
    etcdClientUrls,
    controlPlaneProfiling,
    controlPlaneBindAddress,
    controllerManagerServiceAccountCredentials,
    controllerManagerKubeletServingRotation,
    kubeletServingTls,
    kubeletAnonymousAuth,
    kubeletAuthorizationMode,
    kubeletReadOnlyPort,
    kubeletCertificateRotation,
    kubeletProtectKernelDefaults,
    kubeletIptablesUtilChains,
    kubeProxyMetricsBindAddress,
    kubeconfigInsecureTls,
    kubeconfigStaticCredentials,
  ]),
  certificateExpiry,
  certificateKeyStrength,
  certificateRoles,
  nodeFilePermissions,
];

/**
 * Control-plane checks apply when the input holds a component manifest or a node configuration file
 * (a `kustomization.yaml` is neither).
 */
function withApplicability(checks: readonly InventoryCheck[]): readonly InventoryCheck[] {
  const applies = (inventory: Inventory): boolean =>
    inventory.configs.some((config) => isNodeConfigKind(config.apiVersion, config.kind)) ||
    componentViews(inventory).length > 0;
  return checks.map((check) => ({ ...check, applies }));
}
