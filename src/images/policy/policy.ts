import type { ImageReference } from '../../model/image.ts';
import type { CertificateIdentity } from '../../model/image-signature.ts';
import type { Severity } from '../../model/severity.ts';
import { compileImageGlob, globMatches } from './glob.ts';

/**
 * The signatures a rule requires, as files: one valid signature by any of the keys, or keyless by
 * any of the identities under the trusted root, suffices.
 */
export interface SignaturePolicy {
  /** Public key files (PEM), as absolute paths. */
  readonly keys: readonly string[];
  readonly identities: readonly CertificateIdentity[];
  /** The Sigstore `trusted_root.json` keyless signatures are verified against, as an absolute path. */
  readonly trustedRoot?: string | undefined;
}

/** What a signature verifier found: verified, or why not. */
export interface SignatureCheck {
  readonly verified: boolean;
  readonly reason: string;
}

/**
 * Verifies the cosign signatures of an image (`reference` as written, `digest` the manifest or index
 * digest it resolves to) against a requirement. Given to the image policy by the caller; a rejected
 * promise means the signatures could not be checked (the failure policy applies).
 */
export type SignatureVerifier = (
  reference: ImageReference,
  digest: string,
  requirement: SignaturePolicy,
) => Promise<SignatureCheck>;

/** What the API server does when a webhook cannot answer (ValidatingWebhook `failurePolicy`). */
export type FailurePolicy = 'Fail' | 'Ignore';

/** One rule of the image policy, as `.kubeward.yaml` `images.policy[i]` writes it. */
export interface ImagePolicyRule {
  /** Where the rule is written (`images.policy[0]`), for messages. */
  readonly name: string;
  /** Reference globs, as sigstore/policy-controller's `glob` (see glob.ts). */
  readonly match: readonly string[];
  /** The reference must carry a digest. */
  readonly requirePinned: boolean;
  readonly signatures?: SignaturePolicy | undefined;
  /** Vulnerabilities at or above this severity deny (needs an OSV database). */
  readonly denyVulnerabilities?: Severity | undefined;
}

/** The image policy: its rules, and what happens to an image that cannot be evaluated. */
export interface ImagePolicy {
  readonly rules: readonly ImagePolicyRule[];
  readonly failurePolicy: FailurePolicy;
}

const compiled = new WeakMap<ImagePolicyRule, readonly RegExp[]>();

function globsOf(rule: ImagePolicyRule): readonly RegExp[] {
  let globs = compiled.get(rule);
  if (globs === undefined) compiled.set(rule, (globs = rule.match.map(compileImageGlob)));
  return globs;
}

/**
 * The rules that apply to a reference: every rule with a glob matching it, in policy order. All of
 * them apply (a reference must satisfy each), as every matching ClusterImagePolicy must in
 * sigstore/policy-controller; a reference no rule matches is not judged.
 */
export function rulesFor(policy: ImagePolicy, reference: ImageReference): readonly ImagePolicyRule[] {
  return policy.rules.filter((rule) => globsOf(rule).some((glob) => globMatches(glob, reference)));
}

/** Whether judging these rules needs the registry: a digest, to read the image or its signatures. */
export function needsDigest(rules: readonly ImagePolicyRule[]): boolean {
  return rules.some((rule) => rule.signatures !== undefined || rule.denyVulnerabilities !== undefined);
}

/** Whether judging these rules needs the image's vulnerabilities. */
export function needsVulnerabilities(rules: readonly ImagePolicyRule[]): boolean {
  return rules.some((rule) => rule.denyVulnerabilities !== undefined);
}
