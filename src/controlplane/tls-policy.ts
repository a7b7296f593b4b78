/**
 * Cipher suites CIS 1.2.29 / 4.2.12 accept: the TLS 1.3 suites and ECDHE with AEAD ciphers
 * (AES-GCM, ChaCha20-Poly1305), by their Go names as the components' flags spell them.
 */
export const STRONG_CIPHER_SUITES: ReadonlySet<string> = new Set([
  'TLS_AES_128_GCM_SHA256',
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305',
  'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305',
  'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
]);

/**
 * Minimum TLS versions that are too old: `VersionTLS10`/`VersionTLS11` (component-base flag values)
 * and `TLS1.0`/`TLS1.1` (etcd's spelling). Unset means Go's server default, TLS 1.2.
 */
export function isWeakMinVersion(version: string): boolean {
  return ['VersionTLS10', 'VersionTLS11', 'TLS1.0', 'TLS1.1'].includes(version);
}
