/**
 * Knobs that checks read, from `.kubeward.yaml` (`settings:`) and flags. Every field has a default
 * (see `config/defaults.ts`), so checks never test for absence.
 */
export interface Settings {
  /** Image registries allowed (prefix match on the image reference); empty allows every registry. */
  readonly allowedRegistries: readonly string[];
  /** Pod Security Standards level the `pss-*` checks hold workloads to: `baseline` or `restricted`. */
  readonly pssLevel: string;
  /** Pod Security Standards version (`v1.0` … `v1.37` or `latest`), selecting check revisions as PSA does. */
  readonly pssVersion: string;
  /** Namespaces the `pss-*` workload and namespace-label checks leave alone (PSA exemptions). */
  readonly pssSystemNamespaces: readonly string[];
  /** Days before NotAfter from which node certificates are reported as expiring (`kubeward audit node`). */
  readonly certificateExpiryDays: number;
  /** The `kubesec-score` check reports workloads scoring below this kubesec score (kubesec-webhook's `--min-score`). */
  readonly kubesecMinScore: number;
  /**
   * Whether NetworkPolicy ipBlocks match in-cluster pod addresses (known from Pod status) in the
   * `netpol-*` checks: true as upstream e2e and Cyclonus read it, false as np-guard does (CNIs differ).
   */
  readonly netpolIpBlockMatchesPods: boolean;
  /**
   * The ingress controller's pods, `NAMESPACE/LABEL-SELECTOR` (kubectl's selector syntax): the
   * source of every Ingress's traffic in the route checks. Default: ingress-nginx's.
   */
  readonly netpolIngressController: string;
  /**
   * The pods of every Gateway, `NAMESPACE/LABEL-SELECTOR`; empty: each Gateway's own, in its
   * namespace with label gateway.networking.k8s.io/gateway-name (GEP-1762).
   */
  readonly netpolGatewayController: string;
  /**
   * The Kubernetes version whose default RBAC objects (bootstrap roles and bindings) the rbac checks
   * add to the input: `latest` or `1.N` (`v1.N.P`); a version between two tables uses the older.
   */
  readonly kubernetesVersion: string;
}
