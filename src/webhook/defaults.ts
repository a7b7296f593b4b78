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
  /** A client must finish its TLS handshake within this time, or its connection is destroyed. */
  handshakeTimeoutMs: 10_000,
  /** A client must send the request headers within this time (against slowloris). */
  headersTimeoutMs: 10_000,
  /** An idle keep-alive connection is closed after this time. */
  keepAliveTimeoutMs: 30_000,
  /** Open connections, idle ones and those still in their TLS handshake included; more are refused. */
  maxConnections: 1000,
  /** Reviews received or evaluated at once; more are answered 429 and their bodies discarded unread. */
  maxInFlight: 16,
  /** Time without a review in flight before garbage from large bodies is collected. */
  collectQuietMs: 1000,
  /** Bytes of bodies read (at least one body limit) before a quiet period collects garbage. */
  collectAfterBytes: 16 * 1024 * 1024,
  /** What a closed connection leaves to collect (its TLS socket and buffers), counted as bytes read. */
  connectionFootprintBytes: 64 * 1024,
} as const;
