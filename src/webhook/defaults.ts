/** Defaults chosen against the API server's 10 s webhook timeout and the largest objects etcd stores. */
export const WEBHOOK_DEFAULTS = {
  port: 8443,
  host: '0.0.0.0',
  /** An AdmissionReview holds object and oldObject, each up to etcd's 1.5 MiB request limit. */
  maxBodyBytes: 3 * 1024 * 1024,
  /** Time allowed to receive a body; the ValidatingWebhookConfiguration gives 5 s for the whole call. */
  budgetMs: 2000,
  reloadIntervalMs: 2000,
  shutdownGraceMs: 10_000,
} as const;
