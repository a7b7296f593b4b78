/** The outcome of one probe: pass (closed), fail (open), warn (partly open), error (could not tell). */
export type ProbeVerdict = 'pass' | 'fail' | 'warn' | 'error';

/** One probe's verdict with the evidence behind it (status codes per path, TLS errors). */
export interface ProbeResult {
  /** `apiserver-anonymous`, `kubelet-anonymous`, `kubelet-read-only-port`, `etcd-client-cert`. */
  readonly probe: string;
  readonly target: string;
  readonly verdict: ProbeVerdict;
  readonly message: string;
  readonly evidence: readonly string[];
}

/** What one unauthenticated GET returned: a status and the start of the body, or a connection error. */
export type ProbeResponse =
  | { readonly kind: 'response'; readonly status: number; readonly body: string }
  | { readonly kind: 'error'; readonly code: string; readonly message: string };
