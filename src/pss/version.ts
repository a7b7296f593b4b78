/**
 * A policy version: the minor of `v1.N`, or `latest`. PSA knows only major version 1.
 * Versions newer than {@link MAX_POLICY_MINOR} are kept as written (they print as given) and
 * evaluate as the newest known version, as PSA's registry clamps them.
 */
export type PolicyVersion = number | 'latest';

/** The newest policy version any check revision targets (sysctls v1.37); `latest` evaluates as this. */
export const MAX_POLICY_MINOR = 37;

const VERSION_PATTERN = /^v1\.([0-9]|[1-9][0-9]*)$/;

/**
 * Parses `latest` or `v1.N` exactly as PSA's `ParseVersion` (no leading zeros, no `v2`, no spaces).
 * Returns undefined for anything else; callers decide the fallback (PSA uses `latest`).
 */
export function parsePolicyVersion(text: string): PolicyVersion | undefined {
  if (text === 'latest') return 'latest';
  const match = VERSION_PATTERN.exec(text);
  if (!match?.[1]) return undefined;
  const minor = Number(match[1]);
  return Number.isSafeInteger(minor) ? minor : undefined;
}

/** `latest` or `v1.N`, the form labels and messages use. */
export function formatPolicyVersion(version: PolicyVersion): string {
  return version === 'latest' ? 'latest' : `v1.${String(version)}`;
}

/** The minor a version evaluates as: `latest` and future versions become {@link MAX_POLICY_MINOR}. */
export function effectiveMinor(version: PolicyVersion): number {
  return version === 'latest' ? MAX_POLICY_MINOR : Math.min(version, MAX_POLICY_MINOR);
}
