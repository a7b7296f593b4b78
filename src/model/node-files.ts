import type { ObjectRef } from './finding.ts';

/** The public key of a certificate or a private key, described without its material. */
export interface KeyDescription {
  /** `rsa`, `ec`, `ed25519`, ... as node:crypto names it. */
  readonly type: string;
  /** RSA modulus length in bits, when RSA. */
  readonly bits: number | undefined;
  /** EC curve (`prime256v1`, `secp384r1`), when EC. */
  readonly curve: string | undefined;
}

/** One certificate of a PEM file (a bundle may hold several), with what the checks need. */
export interface NodeCertificate {
  readonly file: string;
  /** 0-based position of the certificate in its PEM file. */
  readonly index: number;
  readonly subject: string;
  readonly issuer: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** basicConstraints CA:TRUE. */
  readonly isCA: boolean;
  /** subjectAltName entries as node:crypto prints them (`DNS:kubernetes`, `IP Address:10.96.0.1`). */
  readonly subjectAltNames: readonly string[];
  readonly key: KeyDescription;
  /** SHA-256 fingerprint, to tell CAs apart (etcd CA distinct from the cluster CA). */
  readonly fingerprint256: string;
}

/** A private key file, described by type and size only: key material is never kept or printed. */
export interface NodePrivateKey {
  readonly file: string;
  readonly key: KeyDescription;
}

/**
 * What a node's directories hold besides Kubernetes objects and config files (kubeconfigs are loaded
 * as config resources): PEM certificates and private keys, and the permission bits of the files read.
 */
export interface NodeFiles {
  readonly certificates: readonly NodeCertificate[];
  readonly privateKeys: readonly NodePrivateKey[];
  /** Permission bits by file path; empty unless the files' modes were read (`audit node`). */
  readonly modes: ReadonlyMap<string, number>;
}

/** An input without node files (manifests, a cluster dump, an admission request). */
export const NO_NODE_FILES: NodeFiles = { certificates: [], privateKeys: [], modes: new Map() };

/** How findings name a node file that is not a Kubernetes object: a `NodeFile` named by its path. */
export function nodeFileRef(file: string): ObjectRef {
  return { apiVersion: 'kubeward.io/v1alpha1', kind: 'NodeFile', namespace: '', name: file };
}
