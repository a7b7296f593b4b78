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

/** A subject of a bootstrap binding, as the golden files write it (`apiGroup` left out). */
export interface BootstrapSubject {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

/**
 * One object of an upstream golden file, as the generated tables keep it: what authorization reads
 * and nothing else (no annotations). `labels` holds the labels beyond `kubernetes.io/bootstrapping:
 * rbac-defaults`, which every generated object carries.
 */
export interface GoldenObject {
  readonly kind: BootstrapObject['kind'];
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly rules?: readonly BootstrapRule[];
  readonly aggregationRule?: BootstrapObject['aggregationRule'];
  readonly roleRef?: { readonly kind: 'ClusterRole' | 'Role'; readonly name: string };
  readonly subjects?: readonly BootstrapSubject[];
}

/** Where a generated table's facts come from: one upstream commit per golden file. */
export interface GoldenSource {
  readonly file: string;
  readonly commit: string;
}

/** The bootstrap RBAC policy of one Kubernetes minor version, generated from upstream golden files. */
export interface BootstrapPolicy {
  /** `1.36`: the minor version the table models. */
  readonly kubernetesVersion: string;
  /** The release or branch the files were read at, as the header cites it. */
  readonly ref: string;
  readonly sources: readonly GoldenSource[];
  readonly objects: readonly GoldenObject[];
}
