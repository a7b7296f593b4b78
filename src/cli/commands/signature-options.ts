import type { Command } from 'commander';
import { collect } from './collect.ts';

/** The flags that say what makes an image's signature acceptable, as cosign verify names them. */
export interface SignatureFlags {
  readonly key: readonly string[];
  readonly trustedRoot?: string;
  readonly certificateIdentity?: string;
  readonly certificateIdentityRegexp?: string;
  readonly certificateOidcIssuer?: string;
  readonly certificateOidcIssuerRegexp?: string;
}

/** `--key`, `--trusted-root` and cosign's `--certificate-identity[-regexp]`, `--certificate-oidc-issuer[-regexp]`. */
export function addSignatureOptions(command: Command): Command {
  return command
    .option(
      '--key <file>',
      'a public key (PEM: ECDSA, RSA or Ed25519) a signature may be made with (repeatable)',
      collect,
      [],
    )
    .option(
      '--trusted-root <file>',
      'a Sigstore trusted_root.json to verify keyless signatures against, offline',
    )
    .option('--certificate-identity <san>', 'keyless: the identity (email, URI) the certificate must name')
    .option(
      '--certificate-identity-regexp <re2>',
      'keyless: an expression one identity must match (unanchored)',
    )
    .option('--certificate-oidc-issuer <url>', 'keyless: the OIDC issuer the certificate must name')
    .option(
      '--certificate-oidc-issuer-regexp <re2>',
      'keyless: an expression the OIDC issuer must match (unanchored)',
    );
}

/** Whether any signature flag was given. */
export function asksSignatures(flags: SignatureFlags): boolean {
  return flags.key.length > 0 || flags.trustedRoot !== undefined;
}
