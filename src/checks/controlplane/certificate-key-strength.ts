import { nodeFileViolation } from '../../controlplane/violation.ts';
import type { InventoryCheck } from '../../model/check.ts';
import type { KeyDescription } from '../../model/node-files.ts';
import { hasPemFiles } from './pem-files.ts';

/** EC curves at least as strong as P-256, by node:crypto's names. */
const STRONG_CURVES = new Set(['prime256v1', 'secp384r1', 'secp521r1']);

/** Why a key is weak, or undefined when it is not. */
function keyWeakness(key: KeyDescription): string | undefined {
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
export const certificateKeyStrength: InventoryCheck = {
  id: 'certificate-key-strength',
  title: 'Certificate and key strength',
  severity: 'high',
  theme: 'keys',
  description:
    'kubeadm generates RSA-2048 keys (encryptionAlgorithm RSA-2048, ECDSA-P256 or ECDSA-P384). Shorter RSA keys, weak curves and DSA ' +
    'keys can be broken or are refused by current TLS stacks.',
  remediation: 'Re-issue the certificate with an RSA key of at least 2048 bits or an ECDSA P-256/P-384 key.',
  nsa: ['encryption'],
  references: [
    'NIST SP 800-57 Part 1',
    'https://kubernetes.io/docs/reference/config-api/kubeadm-config.v1beta4/',
  ],
  reads: "the certificate and key files (`*.crt`, `*.pem`, `*.cert`, `*.key`) of a node's directories",
  target: 'inventory',
  applies: hasPemFiles,
  *run({ inventory }) {
    for (const certificate of inventory.nodeFiles.certificates) {
      const weakness = keyWeakness(certificate.key);
      if (weakness)
        yield nodeFileViolation(
          `${certificate.file}#${certificate.index}`,
          `certificate ${certificate.subject} has ${weakness}`,
        );
    }
    for (const privateKey of inventory.nodeFiles.privateKeys) {
      const weakness = keyWeakness(privateKey.key);
      if (weakness) yield nodeFileViolation(privateKey.file, `private key file holds ${weakness}`);
    }
  },
};
