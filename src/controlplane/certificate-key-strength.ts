import type { KeyDescription } from './node-files.ts';
import type { NodeFileCheck } from './node-file-check.ts';

/** EC curves at least as strong as P-256, by node:crypto's names. */
const STRONG_CURVES = new Set(['prime256v1', 'secp384r1', 'secp521r1']);

/** Why a key is weak, or undefined when it is not. */
export function keyWeakness(key: KeyDescription): string | undefined {
  if (key.type === 'rsa' || key.type === 'rsa-pss')
    return key.bits !== undefined && key.bits < 2048
      ? `an RSA key of ${key.bits} bits (want at least 2048)`
      : undefined;
  if (key.type === 'ec')
    return key.curve !== undefined && !STRONG_CURVES.has(key.curve)
      ? `an EC key on curve ${key.curve} (want P-256 or stronger)`
      : undefined;
  if (key.type === 'dsa') return 'a DSA key';
  return undefined;
}

/** Certificate and private keys must be RSA ≥ 2048, ECDSA ≥ P-256 or Ed25519. */
export const certificateKeyStrength: NodeFileCheck = {
  id: 'certificate-key-strength',
  title: 'Certificate and key strength',
  severity: 'high',
  theme: 'keys',
  description:
    'kubeadm generates RSA-2048 keys (encryptionAlgorithm RSA-2048, ECDSA-P256 or ECDSA-P384). Shorter RSA keys, weak curves and DSA ' +
    'keys can be broken or are refused by current TLS stacks.',
  remediation: 'Re-issue the certificate with an RSA key of at least 2048 bits or an ECDSA P-256/P-384 key.',
  references: [
    'NIST SP 800-57 Part 1',
    'https://kubernetes.io/docs/reference/config-api/kubeadm-config.v1beta4/',
  ],
  *inspect(files) {
    for (const certificate of files.certificates) {
      const weakness = keyWeakness(certificate.key);
      if (weakness)
        yield {
          file: `${certificate.file}#${certificate.index}`,
          message: `certificate ${certificate.subject} has ${weakness}`,
        };
    }
    for (const privateKey of files.privateKeys) {
      const weakness = keyWeakness(privateKey.key);
      if (weakness) yield { file: privateKey.file, message: `private key file holds ${weakness}` };
    }
  },
};
