import type { Finding } from '../model/finding.ts';
import { ADMISSION_API_VERSION } from './review.ts';
import type { AdmissionResponse, AdmissionReviewReply } from './review.ts';
import { escapeControls } from '../model/terminal-text.ts';
import type { ImageOutcome, PolicyOutcome, Verdict } from './evaluate.ts';

/** Warnings kept per response; kubectl prints each, and the API server truncates long lists. */
export const MAX_WARNINGS = 20;
/** Characters kept per warning (the API server advises under 120). */
export const MAX_WARNING_LENGTH = 120;
/** Violations listed in a denial message before "and N more". */
export const MAX_LISTED_VIOLATIONS = 20;

/** `[check-id] message`, the way a finding reads in a denial or a warning. */
function describeFinding(finding: Finding): string {
  return `[${finding.checkId}] ${finding.message}`;
}

/** `[policy <name>] message`, the way a failed ValidatingAdmissionPolicy binding reads. */
function describePolicyOutcome(outcome: PolicyOutcome): string {
  return `[policy ${outcome.test}] ${outcome.message}`;
}

const CONTAINER_WORDS: Readonly<Record<ImageOutcome['field'], string>> = {
  initContainers: 'init container',
  containers: 'container',
  ephemeralContainers: 'ephemeral container',
};

/** How a warning about an image that could not be judged starts (kept first: warnings are clipped). */
const IGNORED = '[image-policy] admitted under failurePolicy Ignore: ';

/** `[image-policy] container "app" image registry.example/app:1.0: reason`. */
function describeImageOutcome(outcome: ImageOutcome): string {
  const container =
    outcome.container === ''
      ? `${CONTAINER_WORDS[outcome.field]} at ${outcome.path}`
      : `${CONTAINER_WORDS[outcome.field]} "${escapeControls(outcome.container)}"`;
  return `[image-policy] ${container} image ${escapeControls(outcome.image)}: ${outcome.reason.message}`;
}

/**
 * The AdmissionResponse for a verdict. A denial carries code 403 (reason Forbidden) listing the
 * violations, or 400 (BadRequest) when the object could not be evaluated. Warnings and audit
 * annotations (`findings`, `denied-by`, `score`, `policy-audit`, `image-policy`: every image reason
 * unclipped) are set whether or not the request is allowed.
 */
export function admissionResponse(uid: string, verdict: Verdict): AdmissionResponse {
  const annotations: Record<string, string> = {};
  if (verdict.skipped === undefined && verdict.invalid === undefined) {
    annotations.findings = String(verdict.violations.length + verdict.warnings.length);
    const deniers = deniedBy(verdict);
    if (deniers.length > 0) annotations['denied-by'] = deniers.join(',');
    const images = [...(verdict.imageViolations ?? []), ...(verdict.imageWarnings ?? [])];
    if (images.length > 0) annotations['image-policy'] = images.map(describeImageOutcome).join('\n');
    if (verdict.policyAudits.length > 0)
      annotations['policy-audit'] = verdict.policyAudits.map(describePolicyOutcome).join('\n');
  }
  if (verdict.score !== undefined) annotations.score = String(verdict.score);
  const all = [
    ...(verdict.imageWarnings ?? []).map((outcome) =>
      describeImageOutcome(outcome).replace('[image-policy] ', IGNORED),
    ),
    ...verdict.policyWarnings.map(describePolicyOutcome),
    ...verdict.warnings.map(describeFinding),
  ];
  const warnings = all.slice(0, MAX_WARNINGS).map(clip);
  if (all.length > MAX_WARNINGS)
    warnings.push(`and ${String(all.length - MAX_WARNINGS)} more kubeward warnings`);
  const optional = {
    ...(warnings.length > 0 ? { warnings } : {}),
    ...(Object.keys(annotations).length > 0 ? { auditAnnotations: annotations } : {}),
  };
  if (verdict.allowed) return { uid, allowed: true, ...optional };
  if (verdict.invalid !== undefined)
    return {
      uid,
      allowed: false,
      status: { code: 400, reason: 'BadRequest', message: verdict.invalid },
      ...optional,
    };
  return {
    uid,
    allowed: false,
    status: { code: 403, reason: 'Forbidden', message: denialMessage(verdict) },
    ...optional,
  };
}

/**
 * What denied: check ids, `policy:<name>`, `kubesec-score`, `connect` and `image-policy:<reason>`
 * (unpinned, vulnerable, unsigned, unevaluated), each once, in that order.
 */
export function deniedBy(verdict: Verdict): readonly string[] {
  return [
    ...new Set([
      ...verdict.violations.map((finding) => finding.checkId),
      ...verdict.policyViolations.map((outcome) => `policy:${outcome.test}`),
      ...(verdict.scoreViolation === undefined ? [] : ['kubesec-score']),
      ...(verdict.refused === undefined ? [] : ['connect']),
      ...(verdict.imageViolations ?? []).map((outcome) => `image-policy:${outcome.reason.kind}`),
    ]),
  ];
}

/** Wraps a response in the AdmissionReview envelope the API server expects back. */
export function admissionReviewReply(response: AdmissionResponse): AdmissionReviewReply {
  return { apiVersion: ADMISSION_API_VERSION, kind: 'AdmissionReview', response };
}

function denialMessage(verdict: Verdict): string {
  const reasons = verdict.violations.slice(0, MAX_LISTED_VIOLATIONS).map(describeFinding);
  if (verdict.violations.length > MAX_LISTED_VIOLATIONS)
    reasons.push(`and ${String(verdict.violations.length - MAX_LISTED_VIOLATIONS)} more`);
  for (const outcome of verdict.policyViolations) reasons.push(describePolicyOutcome(outcome));
  if (verdict.scoreViolation !== undefined) reasons.push(`[kubesec-score] ${verdict.scoreViolation}`);
  if (verdict.refused !== undefined) reasons.push(`[connect] ${verdict.refused}`);
  const images = verdict.imageViolations ?? [];
  for (const outcome of images.slice(0, MAX_LISTED_VIOLATIONS)) reasons.push(describeImageOutcome(outcome));
  if (images.length > MAX_LISTED_VIOLATIONS)
    reasons.push(`and ${String(images.length - MAX_LISTED_VIOLATIONS)} more image violations`);
  const count =
    images.length +
    verdict.violations.length +
    verdict.policyViolations.length +
    (verdict.scoreViolation === undefined ? 0 : 1) +
    (verdict.refused === undefined ? 0 : 1);
  return `kubeward: ${String(count)} violation${count === 1 ? '' : 's'}: ${reasons.join('; ')}`;
}

function clip(text: string): string {
  return text.length <= MAX_WARNING_LENGTH ? text : `${text.slice(0, MAX_WARNING_LENGTH - 1)}…`;
}
