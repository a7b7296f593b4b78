import { X509Certificate } from 'node:crypto';
import { RE2JS } from '@bufbuild/re2';
import type { CertificateIdentity } from '../../model/image-signature.ts';

/**
 * The subject alternative names of a certificate (DER), as cosign lists them for matching
 * (sigstore/sigstore cryptoutils GetSubjectAlternateNames: emails, URIs, DNS names, IP addresses).
 */
export function subjectAlternativeNames(der: Uint8Array): string[] {
  const text = new X509Certificate(der).subjectAltName ?? '';
  const names: string[] = [];
  // Node writes `TYPE:value, TYPE:"quoted, value"`: a value with a separator in it is JSON-quoted.
  const entry = /(DNS|URI|email|IP Address):("(?:[^"\\]|\\.)*"|[^,]*)(?:, |$)/g;
  for (const match of text.matchAll(entry)) {
    const value = match[2] ?? '';
    names.push(value.startsWith('"') ? (JSON.parse(value) as string) : value);
  }
  return names;
}

/** Why an identity expression cannot be used, or undefined. */
export function identityError(identity: CertificateIdentity): string | undefined {
  for (const [flag, pattern] of [
    ['--certificate-identity-regexp', identity.subjectRegExp],
    ['--certificate-oidc-issuer-regexp', identity.issuerRegExp],
  ] as const) {
    if (pattern === undefined) continue;
    try {
      RE2JS.compile(pattern);
    } catch (error) {
      return `${flag} "${pattern}": ${(error as Error).message}`;
    }
  }
  return undefined;
}

const found = (pattern: string, value: string): boolean => RE2JS.compile(pattern).test(value);

/**
 * Whether a certificate naming `subjects` and OIDC `issuer` matches one of the identities, as
 * cosign's `CheckCertificatePolicy` (pkg/cosign/verify.go) decides: per identity, the issuer
 * regexp, else the exact issuer, else any issuer; the subject regexp against any SAN, else the
 * exact subject equal to one, else any subject. Expressions are RE2 (Go's regexp) and unanchored.
 */
export function matchesIdentity(
  identities: readonly CertificateIdentity[],
  subjects: readonly string[],
  issuer: string,
): boolean {
  return identities.some((identity) => {
    const issuerMatches =
      identity.issuerRegExp !== undefined && identity.issuerRegExp !== ''
        ? found(identity.issuerRegExp, issuer)
        : identity.issuer !== undefined && identity.issuer !== ''
          ? identity.issuer === issuer
          : true;
    const subjectMatches =
      identity.subjectRegExp !== undefined && identity.subjectRegExp !== ''
        ? subjects.some((subject) => found(identity.subjectRegExp ?? '', subject))
        : identity.subject !== undefined && identity.subject !== ''
          ? subjects.includes(identity.subject)
          : true;
    return issuerMatches && subjectMatches;
  });
}
