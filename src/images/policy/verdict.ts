import type { ImageReference } from '../../model/image.ts';
import { atLeast } from '../../model/severity.ts';
import type { Severity } from '../../model/severity.ts';
import type { Vulnerability } from '../osv/match.ts';
import type { FailurePolicy, ImagePolicyRule, SignatureCheck } from './policy.ts';

/** Vulnerabilities named in a reason before "and N more". */
const LISTED_VULNERABILITIES = 3;

/**
 * Why an image fails a rule: not pinned, vulnerable, unsigned, or `unevaluated` when what the rule
 * needs could not be learnt (a registry that did not answer, no signature verifier).
 */
export interface ImageReason {
  readonly kind: 'unpinned' | 'vulnerable' | 'unsigned' | 'unevaluated';
  /** The rule, as written: `images.policy[0]`. */
  readonly rule: string;
  readonly message: string;
}

/** What was learnt about an image by its digest; an `error` says why a part could not be learnt. */
export interface DigestEvidence {
  /** The manifest or index digest the reference resolves to, or why it could not be resolved. */
  readonly digest: string | { readonly error: string };
  /** The image's known vulnerabilities, when a rule needs them. */
  readonly vulnerabilities?: readonly Vulnerability[] | { readonly error: string } | undefined;
  /** The signature check of each rule that requires signatures, by rule name. */
  readonly signatures?: ReadonlyMap<string, SignatureCheck | { readonly error: string }> | undefined;
}

/** An image's verdict: reasons that deny, and reasons only warned about. */
export interface ImageVerdict {
  readonly allowed: boolean;
  readonly violations: readonly ImageReason[];
  readonly warnings: readonly ImageReason[];
}

/** The reasons the reference as written fails: a rule requires a digest and it has none. */
export function pinningReasons(
  reference: ImageReference,
  rules: readonly ImagePolicyRule[],
): readonly ImageReason[] {
  if (reference.digest !== undefined) return [];
  return rules
    .filter((rule) => rule.requirePinned)
    .map((rule) => ({
      kind: 'unpinned',
      rule: rule.name,
      message: `not pinned by digest (${rule.name} requires image@sha256:…)`,
    }));
}

function describe(vulnerability: Vulnerability): string {
  const { id, package: item, severity, fixedVersions } = vulnerability;
  const fix = fixedVersions.length > 0 ? `, fixed in ${fixedVersions[0] ?? ''}` : ', no fix';
  return `${id} (${severity?.severity ?? 'unscored'}) in ${item.name} ${item.version}${fix}`;
}

function vulnerable(rule: string, threshold: Severity, denied: readonly Vulnerability[]): ImageReason {
  const listed = denied.slice(0, LISTED_VULNERABILITIES).map(describe);
  if (denied.length > LISTED_VULNERABILITIES)
    listed.push(`and ${String(denied.length - LISTED_VULNERABILITIES)} more`);
  const count = `${String(denied.length)} ${denied.length === 1 ? 'vulnerability' : 'vulnerabilities'}`;
  return {
    kind: 'vulnerable',
    rule,
    message: `${count} at or above ${threshold} (${rule}): ${listed.join(', ')}`,
  };
}

/**
 * The reasons the image a digest names fails its rules: vulnerabilities at or above a rule's
 * `denyVulnerabilities` (unscored ones never reach a threshold), a signature check that did not
 * verify, and `unevaluated` for each rule whose evidence is an error.
 */
export function digestReasons(
  evidence: DigestEvidence,
  rules: readonly ImagePolicyRule[],
): readonly ImageReason[] {
  const reasons: ImageReason[] = [];
  for (const rule of rules) {
    if (rule.denyVulnerabilities === undefined && rule.signatures === undefined) continue;
    if (typeof evidence.digest !== 'string') {
      reasons.push({
        kind: 'unevaluated',
        rule: rule.name,
        message: `cannot be evaluated: ${evidence.digest.error}`,
      });
      continue;
    }
    const threshold = rule.denyVulnerabilities;
    if (threshold !== undefined) {
      const found = evidence.vulnerabilities;
      if (found === undefined || 'error' in found) {
        reasons.push({
          kind: 'unevaluated',
          rule: rule.name,
          message: `vulnerabilities cannot be evaluated: ${found?.error ?? 'they were not read'}`,
        });
      } else {
        const denied = found.filter(
          (vulnerability) =>
            vulnerability.severity !== undefined && atLeast(vulnerability.severity.severity, threshold),
        );
        if (denied.length > 0) reasons.push(vulnerable(rule.name, threshold, denied));
      }
    }
    if (rule.signatures !== undefined) {
      const check = evidence.signatures?.get(rule.name);
      if (check === undefined || 'error' in check)
        reasons.push({
          kind: 'unevaluated',
          rule: rule.name,
          message: `signatures cannot be evaluated: ${check?.error ?? 'they were not checked'}`,
        });
      else if (!check.verified)
        reasons.push({
          kind: 'unsigned',
          rule: rule.name,
          message: `no valid signature as ${rule.name} requires: ${check.reason}`,
        });
    }
  }
  return reasons;
}

/**
 * The verdict of an image's reasons under a failure policy: every reason denies, except
 * `unevaluated` ones under `Ignore`, which are warnings (as the API server admits a request when a
 * webhook with failurePolicy Ignore cannot answer).
 */
export function imageVerdict(reasons: readonly ImageReason[], failurePolicy: FailurePolicy): ImageVerdict {
  const warns = (reason: ImageReason): boolean => reason.kind === 'unevaluated' && failurePolicy === 'Ignore';
  const violations = reasons.filter((reason) => !warns(reason));
  return { allowed: violations.length === 0, violations, warnings: reasons.filter(warns) };
}
