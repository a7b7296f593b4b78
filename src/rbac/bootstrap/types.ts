/**
 * The shape of the bootstrap objects: the manifests a fresh cluster holds, as plain data read by
 * the same code that reads input manifests.
 */
export interface BootstrapObject {
  readonly apiVersion: 'rbac.authorization.k8s.io/v1';
  readonly kind: 'ClusterRole' | 'ClusterRoleBinding' | 'Role' | 'RoleBinding';
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly labels?: Readonly<Record<string, string>>;
  };
  readonly rules?: readonly BootstrapRule[];
  readonly aggregationRule?: {
    readonly clusterRoleSelectors: readonly { readonly matchLabels: Readonly<Record<string, string>> }[];
  };
  readonly roleRef?: {
    readonly apiGroup: 'rbac.authorization.k8s.io';
    readonly kind: 'ClusterRole' | 'Role';
    readonly name: string;
  };
  readonly subjects?: readonly {
    readonly kind: string;
    readonly name: string;
    readonly namespace?: string;
  }[];
}

/** A PolicyRule as the bootstrap manifests write it. */
export interface BootstrapRule {
  readonly apiGroups?: readonly string[];
  readonly resources?: readonly string[];
  readonly resourceNames?: readonly string[];
  readonly nonResourceURLs?: readonly string[];
  readonly verbs: readonly string[];
}

/** The label every default role and binding carries. */
export const BOOTSTRAP_LABELS: Readonly<Record<string, string>> = {
  'kubernetes.io/bootstrapping': 'rbac-defaults',
};
