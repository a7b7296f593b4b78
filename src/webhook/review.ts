import * as z from 'zod';

/** The one AdmissionReview version served; the response must carry the request's apiVersion. */
export const ADMISSION_API_VERSION = 'admission.k8s.io/v1';

const groupVersionKind = z.looseObject({ group: z.string(), version: z.string(), kind: z.string() });
const groupVersionResource = z.looseObject({ group: z.string(), version: z.string(), resource: z.string() });

/**
 * `request` of an AdmissionReview v1 (`kubernetes/api:admission/v1/types.go`, AdmissionRequest).
 * Only what the webhook reads is required; unknown fields pass through (newer API servers add some).
 * `object` is absent on DELETE and `oldObject` on CREATE; both are raw JSON objects when present.
 */
const admissionRequestSchema = z.looseObject({
  uid: z.string().min(1),
  kind: groupVersionKind,
  resource: groupVersionResource,
  subResource: z.string().optional(),
  name: z.string().optional(),
  namespace: z.string().optional(),
  operation: z.enum(['CREATE', 'UPDATE', 'DELETE', 'CONNECT']),
  userInfo: z.looseObject({ username: z.string().optional() }).optional(),
  object: z.record(z.string(), z.unknown()).nullable().optional(),
  oldObject: z.record(z.string(), z.unknown()).nullable().optional(),
  dryRun: z.boolean().optional(),
});

/** An AdmissionReview v1 as the API server POSTs it to a validating webhook. */
const admissionReviewSchema = z.looseObject({
  apiVersion: z.literal(ADMISSION_API_VERSION),
  kind: z.literal('AdmissionReview'),
  request: admissionRequestSchema,
});

/** A validated AdmissionRequest. */
export type AdmissionRequest = z.infer<typeof admissionRequestSchema>;

/** metav1.Status as a denial carries it; the API server raises a `code` below 400 to 400. */
export interface AdmissionStatus {
  readonly code: number;
  readonly reason: string;
  readonly message: string;
}

/** `response` of an AdmissionReview v1 (AdmissionResponse) for a validating webhook: no patch. */
export interface AdmissionResponse {
  readonly uid: string;
  readonly allowed: boolean;
  readonly status?: AdmissionStatus;
  /** Shown to the client by kubectl; each kept short (the API server truncates long ones). */
  readonly warnings?: readonly string[];
  /** The API server prefixes each key with the webhook name before writing the audit event. */
  readonly auditAnnotations?: Readonly<Record<string, string>>;
}

/** The reply document: same apiVersion and kind as the request, with `response`. */
export interface AdmissionReviewReply {
  readonly apiVersion: typeof ADMISSION_API_VERSION;
  readonly kind: 'AdmissionReview';
  readonly response: AdmissionResponse;
}

/** Why a body is not a usable AdmissionReview: one line naming the first bad field. */
export type ReviewProblem = string;

/**
 * Validates a parsed JSON body as an AdmissionReview v1. Returns the request, or a one-line problem
 * naming the first offending field (for the 400 answer); never throws.
 */
export function parseAdmissionReview(body: unknown): AdmissionRequest | ReviewProblem {
  const result = admissionReviewSchema.safeParse(body);
  if (result.success) return result.data.request;
  const issue = result.error.issues[0];
  const path = (issue?.path ?? []).map(String).join('.');
  return `${path === '' ? 'body' : path}: ${issue?.message ?? 'invalid'}`;
}
