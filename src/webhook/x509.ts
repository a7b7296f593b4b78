import { createHash, randomBytes, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { isIP } from 'node:net';
import {
  bitString,
  boolean,
  explicit,
  implicitPrimitive,
  integer,
  namedBits,
  objectIdentifier,
  octetString,
  sequence,
  set,
  time,
  unsignedInteger,
  utf8String,
} from './der.ts';

/** OIDs of RFC 5280 and RFC 5758 used here. */
const OID = {
  commonName: '2.5.4.3',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
} as const;

/** KeyUsage bits (RFC 5280 4.2.1.3). */
const KEY_USAGE = { digitalSignature: 0, keyCertSign: 5, cRLSign: 6 } as const;

/** What one certificate says; keys are P-256 (ECDSA with SHA-256). */
export interface CertificateTemplate {
  readonly commonName: string;
  readonly publicKey: KeyObject;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** A CA may sign end-entity certificates only (pathLenConstraint 0). */
  readonly ca: boolean;
  /** DNS names and IP addresses; validated by the caller. */
  readonly subjectAltNames?: readonly string[];
  readonly extendedKeyUsage?: readonly ('serverAuth' | 'clientAuth')[];
}

/** The issuer of a certificate: its name, signing key and key identifier. */
export interface Issuer {
  readonly commonName: string;
  readonly privateKey: KeyObject;
  readonly keyIdentifier: Buffer;
}

/** The key identifier of a public key: SHA-1 of its SubjectPublicKeyInfo (RFC 7093 section 2). */
export function keyIdentifier(publicKey: KeyObject): Buffer {
  return createHash('sha1')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest();
}

function name(commonName: string): Buffer {
  return sequence([set([sequence([objectIdentifier(OID.commonName), utf8String(commonName)])])]);
}

function extension(oid: string, critical: boolean, value: Buffer): Buffer {
  return sequence([objectIdentifier(oid), ...(critical ? [boolean(true)] : []), octetString(value)]);
}

function generalName(entry: string): Buffer {
  const family = isIP(entry);
  if (family === 0) return implicitPrimitive(2, Buffer.from(entry, 'ascii'));
  const bytes =
    family === 4
      ? Buffer.from(entry.split('.').map(Number))
      : Buffer.from(expandIpv6(entry).flatMap((group) => [group >> 8, group & 0xff]));
  return implicitPrimitive(7, bytes);
}

function expandIpv6(address: string): number[] {
  const [head = '', tail] = address.split('::');
  const groups = (part: string): number[] => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  return [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/**
 * Issues an X.509 v3 certificate signed by `issuer` (self-signed when the issuer holds the
 * template's own key), DER-encoded as RFC 5280 section 4 lays it out, and returns it as PEM.
 */
export function issueCertificate(template: CertificateTemplate, issuer: Issuer): string {
  const algorithm = sequence([objectIdentifier(OID.ecdsaWithSha256)]);
  const serial = randomBytes(16);
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x40;
  const usage = template.ca ? [KEY_USAGE.keyCertSign, KEY_USAGE.cRLSign] : [KEY_USAGE.digitalSignature];
  const extensions = [
    extension(OID.basicConstraints, true, template.ca ? sequence([boolean(true), integer(0)]) : sequence([])),
    extension(OID.keyUsage, true, namedBits(usage)),
    ...(template.extendedKeyUsage && template.extendedKeyUsage.length > 0
      ? [
          extension(
            OID.extKeyUsage,
            false,
            sequence(template.extendedKeyUsage.map((purpose) => objectIdentifier(OID[purpose]))),
          ),
        ]
      : []),
    ...(template.subjectAltNames && template.subjectAltNames.length > 0
      ? [extension(OID.subjectAltName, false, sequence(template.subjectAltNames.map(generalName)))]
      : []),
    extension(OID.subjectKeyIdentifier, false, octetString(keyIdentifier(template.publicKey))),
    extension(OID.authorityKeyIdentifier, false, sequence([implicitPrimitive(0, issuer.keyIdentifier)])),
  ];
  const tbs = sequence([
    explicit(0, integer(2)),
    unsignedInteger(serial),
    algorithm,
    name(issuer.commonName),
    sequence([time(template.notBefore), time(template.notAfter)]),
    name(template.commonName),
    template.publicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, sequence(extensions)),
  ]);
  const signature = sign('sha256', tbs, { key: issuer.privateKey, dsaEncoding: 'der' });
  const der = sequence([tbs, algorithm, bitString(signature)]);
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}
