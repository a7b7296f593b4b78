/**
 * Defaults of `kubeward detect serve`, against what kube-apiserver's audit webhook backend sends
 * (k8s.io/apiserver plugin/pkg/audit/buffered: batches of up to 400 events, a buffer of 10000, one
 * request at a time per batch; 429 and 5xx answers are retried with backoff).
 */
export const AUDIT_WEBHOOK_DEFAULTS = {
  port: 8444,
  path: '/audit',
  /** 400 events at RequestResponse level, each with request and response objects, fit. */
  maxBodyBytes: 32 * 1024 * 1024,
  /** Time allowed to receive a body. */
  budgetMs: 10_000,
  /** Bodies read at once; more are answered 429 (each may hold maxBodyBytes). */
  maxInFlight: 4,
  /** Events received and not yet matched; beyond, batches are answered 429. */
  maxQueueEvents: 10_000,
  /** Bytes of the bodies queued events came from; beyond, batches are answered 429. */
  maxQueueBytes: 64 * 1024 * 1024,
} as const;
