import type { Check } from '../../model/check.ts';
import { rbacAdmissionWebhookWrite } from './rbac-admission-webhook-write.ts';
import { rbacAnonymousBinding } from './rbac-anonymous-binding.ts';
import { rbacBindVerb } from './rbac-bind-verb.ts';
import { rbacClusterAdminBinding } from './rbac-cluster-admin-binding.ts';
import { rbacCsrApproval } from './rbac-csr-approval.ts';
import { rbacDefaultServiceaccountGrant } from './rbac-default-serviceaccount-grant.ts';
import { rbacEscalateVerb } from './rbac-escalate-verb.ts';
import { rbacImpersonate } from './rbac-impersonate.ts';
import { rbacNamespacePatch } from './rbac-namespace-patch.ts';
import { rbacNodesProxy } from './rbac-nodes-proxy.ts';
import { rbacPersistentvolumeCreate } from './rbac-persistentvolume-create.ts';
import { rbacPodCreate } from './rbac-pod-create.ts';
import { rbacPodExec } from './rbac-pod-exec.ts';
import { rbacSecretsRead } from './rbac-secrets-read.ts';
import { rbacServiceaccountToken } from './rbac-serviceaccount-token.ts';
import { rbacWildcardGrant } from './rbac-wildcard-grant.ts';
import { rbacWorkloadClusterAdminPath } from './rbac-workload-cluster-admin-path.ts';
import { rbacWorkloadControllerWrite } from './rbac-workload-controller-write.ts';

/** The RBAC findings of `kubeward scan` (theme `rbac`): attack paths first, then risky grants. */
export const RBAC_CHECKS: readonly Check[] = [
  rbacWorkloadClusterAdminPath,
  rbacClusterAdminBinding,
  rbacAnonymousBinding,
  rbacWildcardGrant,
  rbacEscalateVerb,
  rbacBindVerb,
  rbacImpersonate,
  rbacNodesProxy,
  rbacSecretsRead,
  rbacPodCreate,
  rbacWorkloadControllerWrite,
  rbacPodExec,
  rbacServiceaccountToken,
  rbacCsrApproval,
  rbacAdmissionWebhookWrite,
  rbacPersistentvolumeCreate,
  rbacNamespacePatch,
  rbacDefaultServiceaccountGrant,
];
