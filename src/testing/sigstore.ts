/**
 * A Sigstore deployment in miniature, for tests: a Fulcio-like CA issuing short-lived leaf
 * certificates (SAN identity, OIDC issuer extensions, an embedded SCT from a CT-like log), a
 * Rekor-like transparency log (signed entry timestamps, RFC 6962 inclusion proofs under a signed
 * checkpoint), the `trusted_root.json` naming them, and cosign's two signature layouts built with
 * them. Everything is made with node:crypto and the DER encoder in ./der.ts.
 *
 * Models: RFC 5280 (certificates), RFC 6962 §3.2 (SCTs, precertificate TBS), Fulcio's
 * certificate extensions (sigstore/fulcio docs/oid-info.md: 1.3.6.1.4.1.57264.1.1 and .1.8),
 * Rekor's SET (the canonical JSON of body, integratedTime, logID, logIndex signed by the log),
 * transparency-dev checkpoints (signed notes), the DSSE PAE, and protobuf-specs
 * sigstore_trustroot.proto / sigstore_bundle.proto in their JSON form.
 */
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import {
  bitString,
  boolean,
  explicit,
  implicit,
  integer,
  octetString,
  oid,
  sequence,
  sequenceOf,
  set,
  utcTime,
  utf8,
} from './der.ts';

const ECDSA_SHA256 = '1.2.840.10045.4.3.2';
const sha256 = (...parts: readonly Uint8Array[]): Buffer => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};
const spki = (key: KeyObject): Buffer => key.export({ type: 'spki', format: 'der' });
const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

/** An ECDSA P-256 key pair. */
export interface TestKey {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

export const ecKey = (): TestKey => generateKeyPairSync('ec', { namedCurve: 'P-256' });

const name = (commonName: string): Buffer =>
  sequence(
    set(sequence(oid('2.5.4.10'), utf8('kubeward-test'))),
    set(sequence(oid('2.5.4.3'), utf8(commonName))),
  );
const extension = (id: string, value: Uint8Array, critical = false): Buffer =>
  critical ? sequence(oid(id), boolean(true), octetString(value)) : sequence(oid(id), octetString(value));

function tbs(fields: {
  serial: Buffer;
  issuer: Buffer;
  subject: Buffer;
  notBefore: Date;
  notAfter: Date;
  key: KeyObject;
  extensions: readonly Buffer[];
}): Buffer {
  return sequence(
    explicit(0, integer(Buffer.from([2]))),
    integer(fields.serial),
    sequence(oid(ECDSA_SHA256)),
    fields.issuer,
    sequence(utcTime(fields.notBefore), utcTime(fields.notAfter)),
    fields.subject,
    spki(fields.key),
    explicit(3, sequenceOf(fields.extensions)),
  );
}

const certificate = (toBeSigned: Buffer, signer: KeyObject): Buffer =>
  sequence(toBeSigned, sequence(oid(ECDSA_SHA256)), bitString(sign('sha256', toBeSigned, signer)));

const pem = (der: Uint8Array, label = 'CERTIFICATE'): string =>
  `-----BEGIN ${label}-----\n${(b64(der).match(/.{1,64}/g) ?? []).join('\n')}\n-----END ${label}-----\n`;

/** A log key (Rekor's, or a CT log's) and its log ID: the SHA-256 of its DER public key. */
export interface TestLog {
  readonly key: TestKey;
  readonly logId: Buffer;
  readonly baseUrl: string;
}

const testLog = (baseUrl: string): TestLog => {
  const key = ecKey();
  return { key, logId: sha256(spki(key.publicKey)), baseUrl };
};

/** The CA, CT log and transparency log of a test Sigstore, and when it started. */
export interface TestSigstore {
  readonly caKey: TestKey;
  readonly caCertificate: Buffer;
  readonly ctlog: TestLog;
  readonly rekor: TestLog;
  readonly start: Date;
}

/** A new test Sigstore: a self-signed root CA (valid a day around now), a CT log and a Rekor log. */
export function testSigstore(now = new Date()): TestSigstore {
  const caKey = ecKey();
  const subject = name('kubeward test fulcio');
  const keyId = createHash('sha1').update(spki(caKey.publicKey)).digest();
  const start = new Date(now.getTime() - 86_400_000);
  const caTbs = tbs({
    serial: randomBytes(16),
    issuer: subject,
    subject,
    notBefore: start,
    notAfter: new Date(now.getTime() + 86_400_000),
    key: caKey.publicKey,
    extensions: [
      extension('2.5.29.15', bitString(Buffer.from([0x06]), 1), true),
      extension('2.5.29.19', sequence(boolean(true)), true),
      extension('2.5.29.14', octetString(keyId)),
    ],
  });
  return {
    caKey,
    caCertificate: certificate(caTbs, caKey.privateKey),
    ctlog: testLog('https://ctfe.kubeward.test'),
    rekor: testLog('https://rekor.kubeward.test'),
    start,
  };
}

/** A signer's identity in its certificate: an email or URI SAN and the OIDC issuer. */
export interface TestIdentity {
  readonly email?: string;
  readonly uri?: string;
  readonly issuer: string;
}

/** A Fulcio-like leaf: its key, DER and PEM. */
export interface TestLeaf {
  readonly key: TestKey;
  readonly der: Buffer;
  readonly pem: string;
}

/**
 * A leaf certificate as Fulcio issues it: empty subject, a critical SAN, code signing, the OIDC
 * issuer in both Fulcio extensions, valid 10 minutes from `notBefore`, and an embedded SCT the CT
 * log signed over the precertificate (the TBS without the SCT extension, RFC 6962 §3.2).
 */
export function issueLeaf(sigstore: TestSigstore, identity: TestIdentity, notBefore: Date): TestLeaf {
  const key = ecKey();
  const caKeyId = createHash('sha1').update(spki(sigstore.caKey.publicKey)).digest();
  const san = sequenceOf([
    ...(identity.email === undefined ? [] : [implicit(1, Buffer.from(identity.email, 'ascii'))]),
    ...(identity.uri === undefined ? [] : [implicit(6, Buffer.from(identity.uri, 'ascii'))]),
  ]);
  const extensions = [
    extension('2.5.29.15', bitString(Buffer.from([0x80]), 7), true),
    extension('2.5.29.37', sequence(oid('1.3.6.1.5.5.7.3.3'))),
    extension('2.5.29.35', sequence(implicit(0, caKeyId))),
    extension('2.5.29.17', san, true),
    extension('1.3.6.1.4.1.57264.1.1', Buffer.from(identity.issuer, 'ascii')),
    extension('1.3.6.1.4.1.57264.1.8', utf8(identity.issuer)),
  ];
  const fields = {
    serial: randomBytes(16),
    issuer: name('kubeward test fulcio'),
    subject: sequence(),
    notBefore,
    notAfter: new Date(notBefore.getTime() + 600_000),
    key: key.publicKey,
  };
  const precert = tbs({ ...fields, extensions });
  const timestamp = Buffer.alloc(8);
  timestamp.writeBigUInt64BE(BigInt(notBefore.getTime()));
  const length = Buffer.alloc(3);
  length.writeUIntBE(precert.length, 0, 3);
  const signed = Buffer.concat([
    Buffer.from([0, 0]),
    timestamp,
    Buffer.from([0, 1]),
    sha256(spki(sigstore.caKey.publicKey)),
    length,
    precert,
    Buffer.from([0, 0]),
  ]);
  const sctSignature = sign('sha256', signed, sigstore.ctlog.key.privateKey);
  const sct = Buffer.concat([
    Buffer.from([0]),
    sigstore.ctlog.logId,
    timestamp,
    Buffer.from([0, 0, 4, 3]),
    u16(sctSignature.length),
    sctSignature,
  ]);
  const list = Buffer.concat([u16(sct.length + 2), u16(sct.length), sct]);
  const der = certificate(
    tbs({ ...fields, extensions: [...extensions, extension('1.3.6.1.4.1.11129.2.4.2', octetString(list))] }),
    sigstore.caKey.privateKey,
  );
  return { key, der, pem: pem(der) };
}

function u16(value: number): Buffer {
  const bytes = Buffer.alloc(2);
  bytes.writeUInt16BE(value);
  return bytes;
}

/** The `trusted_root.json` of a test Sigstore (protobuf-specs TrustedRoot, JSON form). */
export function trustedRootJson(sigstore: TestSigstore): Record<string, unknown> {
  const log = (entry: TestLog): Record<string, unknown> => ({
    baseUrl: entry.baseUrl,
    hashAlgorithm: 'SHA2_256',
    publicKey: {
      rawBytes: b64(spki(entry.key.publicKey)),
      keyDetails: 'PKIX_ECDSA_P256_SHA_256',
      validFor: { start: sigstore.start.toISOString() },
    },
    logId: { keyId: b64(entry.logId) },
  });
  return {
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [log(sigstore.rekor)],
    certificateAuthorities: [
      {
        subject: { organization: 'kubeward-test', commonName: 'kubeward test fulcio' },
        uri: 'https://fulcio.kubeward.test',
        certChain: { certificates: [{ rawBytes: b64(sigstore.caCertificate) }] },
        validFor: { start: sigstore.start.toISOString() },
      },
    ],
    ctlogs: [log(sigstore.ctlog)],
    timestampAuthorities: [],
  };
}

/** A Rekor entry: its body, place and time, the log's signed entry timestamp and inclusion proof. */
export interface TestLogEntry {
  readonly body: Buffer;
  readonly logIndex: number;
  readonly integratedTime: number;
  readonly set: Buffer;
  /** The JSON form of a bundle's `tlogEntries[]` item. */
  readonly json: Record<string, unknown>;
}

/**
 * `body` entered in the test log at index 1 of a tree of 2 (the other leaf an unrelated entry):
 * the SET over the canonical JSON Rekor signs, and an RFC 6962 inclusion proof under a checkpoint
 * (signed note) the log signs.
 */
export function logEntry(sigstore: TestSigstore, body: Buffer, integratedTime: Date): TestLogEntry {
  const { rekor } = sigstore;
  const time = Math.floor(integratedTime.getTime() / 1000);
  const logIndex = 1;
  const canonical = `{"body":${JSON.stringify(b64(body))},"integratedTime":${String(time)},"logID":${JSON.stringify(rekor.logId.toString('hex'))},"logIndex":${String(logIndex)}}`;
  const signedEntryTimestamp = sign('sha256', Buffer.from(canonical), rekor.key.privateKey);
  const leaf = (bytes: Uint8Array): Buffer => sha256(Buffer.from([0]), bytes);
  const sibling = leaf(Buffer.from('{"kind":"unrelated"}'));
  const root = sha256(Buffer.from([1]), sibling, leaf(body));
  const origin = 'rekor.kubeward.test - 1';
  const note = `${origin}\n2\n${b64(root)}\n`;
  const noteSignature = sign('sha256', Buffer.from(note), rekor.key.privateKey);
  const envelope = `${note}\n\u2014 rekor.kubeward.test ${b64(Buffer.concat([rekor.logId.subarray(0, 4), noteSignature]))}\n`;
  const parsed = JSON.parse(body.toString('utf8')) as { kind: string; apiVersion: string };
  return {
    body,
    logIndex,
    integratedTime: time,
    set: signedEntryTimestamp,
    json: {
      logIndex: String(logIndex),
      logId: { keyId: b64(rekor.logId) },
      kindVersion: { kind: parsed.kind, version: parsed.apiVersion },
      integratedTime: String(time),
      inclusionPromise: { signedEntryTimestamp: b64(signedEntryTimestamp) },
      inclusionProof: {
        logIndex: String(logIndex),
        rootHash: b64(root),
        treeSize: '2',
        hashes: [b64(sibling)],
        checkpoint: { envelope },
      },
      canonicalizedBody: b64(body),
    },
  };
}

/** A cosign simple signing payload for `reference` at `digest` (sigstore/sigstore payload.SimpleContainerImage). */
export const simpleSigningPayload = (reference: string, digest: string): Buffer =>
  Buffer.from(
    JSON.stringify({
      critical: {
        identity: { 'docker-reference': reference },
        image: { 'docker-manifest-digest': digest },
        type: 'cosign container image signature',
      },
      optional: null,
    }),
  );

/** The annotations of a keyless cosign signature layer: signature, certificate, chain and Rekor bundle. */
export function keylessSignature(
  sigstore: TestSigstore,
  identity: TestIdentity,
  payload: Buffer,
  when = new Date(),
): Record<string, string> {
  const leaf = issueLeaf(sigstore, identity, new Date(when.getTime() - 60_000));
  const signature = sign('sha256', payload, leaf.key.privateKey);
  const body = Buffer.from(
    JSON.stringify({
      apiVersion: '0.0.1',
      kind: 'hashedrekord',
      spec: {
        data: { hash: { algorithm: 'sha256', value: sha256(payload).toString('hex') } },
        signature: { content: b64(signature), publicKey: { content: b64(Buffer.from(leaf.pem)) } },
      },
    }),
  );
  const entry = logEntry(sigstore, body, when);
  return {
    'dev.cosignproject.cosign/signature': b64(signature),
    'dev.sigstore.cosign/certificate': leaf.pem,
    'dev.sigstore.cosign/chain': pem(sigstore.caCertificate),
    'dev.sigstore.cosign/bundle': JSON.stringify({
      SignedEntryTimestamp: b64(entry.set),
      Payload: {
        body: b64(body),
        integratedTime: entry.integratedTime,
        logIndex: entry.logIndex,
        logID: sigstore.rekor.logId.toString('hex'),
      },
    }),
  };
}

/**
 * A Sigstore bundle v0.3 as cosign's new bundle format signs an image (cmd/cosign/cli/sign/sign.go):
 * a DSSE envelope of an in-toto statement naming the image digest, predicate type
 * `https://sigstore.dev/cosign/sign/v1`, signed by a leaf of `identity`, entered in the log as a
 * `dsse` 0.0.1 entry.
 */
export function imageBundle(
  sigstore: TestSigstore,
  identity: TestIdentity,
  digest: string,
  when = new Date(),
): string {
  const leaf = issueLeaf(sigstore, identity, new Date(when.getTime() - 60_000));
  const [algorithm = 'sha256', hex = ''] = digest.split(':');
  const payloadType = 'application/vnd.in-toto+json';
  const payload = Buffer.from(
    JSON.stringify({
      _type: 'https://in-toto.io/Statement/v1',
      subject: [{ digest: { [algorithm]: hex } }],
      predicateType: 'https://sigstore.dev/cosign/sign/v1',
      predicate: {},
    }),
  );
  const pae = Buffer.concat([
    Buffer.from(`DSSEv1 ${String(payloadType.length)} ${payloadType} ${String(payload.length)} `),
    payload,
  ]);
  const signature = sign('sha256', pae, leaf.key.privateKey);
  const body = Buffer.from(
    JSON.stringify({
      apiVersion: '0.0.1',
      kind: 'dsse',
      spec: {
        payloadHash: { algorithm: 'sha256', value: sha256(payload).toString('hex') },
        signatures: [{ signature: b64(signature), verifier: b64(Buffer.from(leaf.pem)) }],
      },
    }),
  );
  return JSON.stringify({
    mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
    verificationMaterial: {
      certificate: { rawBytes: b64(leaf.der) },
      tlogEntries: [logEntry(sigstore, body, when).json],
    },
    dsseEnvelope: { payload: b64(payload), payloadType, signatures: [{ sig: b64(signature), keyid: '' }] },
  });
}

/** The PEM of a public key. */
export const publicKeyPem = (key: KeyObject): string =>
  key.export({ type: 'spki', format: 'pem' }).toString();
