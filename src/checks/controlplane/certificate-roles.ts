import { basename, dirname } from 'node:path';
import { nodeFileViolation } from '../../controlplane/violation.ts';
import type { InventoryCheck } from '../../model/check.ts';
import type { NodeCertificate } from '../../model/node-files.ts';
import { hasPemFiles } from './pem-files.ts';

/** SANs clients use to reach the API server in-cluster; kubeadm always includes them. */
const APISERVER_NAMES = ['DNS:kubernetes', 'DNS:kubernetes.default', 'DNS:kubernetes.default.svc'];

function isCaFile(certificate: NodeCertificate): boolean {
  const name = basename(certificate.file);
  return name === 'ca.crt' || name.endsWith('-ca.crt') || name === 'ca.pem' || name.endsWith('-ca.pem');
}

/**
 * CA files must hold CA certificates and leaf files must not; the API server certificate must carry
 * the in-cluster names; etcd must use a CA distinct from the cluster CA (CIS 2.7).
 */
export const certificateRoles: InventoryCheck = {
  id: 'certificate-roles',
  title: 'Certificate roles, SANs and distinct CAs',
  severity: 'medium',
  theme: 'tls',
  description:
    'A leaf certificate with CA:TRUE can sign certificates for any identity; a CA file without CA:TRUE breaks verification. ' +
    'apiserver.crt must name kubernetes, kubernetes.default and kubernetes.default.svc for in-cluster clients. etcd must trust its ' +
    'own CA: if it trusts the cluster CA, every cluster client certificate opens etcd.',
  remediation:
    'Re-issue leaf certificates without CA:TRUE, add the missing SANs, and give etcd its own CA (kubeadm: pki/etcd/ca.crt).',
  nsa: ['encryption'],
  references: ['CIS 2.7', 'https://kubernetes.io/docs/setup/best-practices/certificates/'],
  cis: ['2.7'],
  reads: "the certificate and key files (`*.crt`, `*.pem`, `*.cert`, `*.key`) of a node's directories",
  target: 'inventory',
  applies: hasPemFiles,
  *run({ inventory }) {
    const byFile = new Map<string, NodeCertificate>();
    for (const certificate of inventory.nodeFiles.certificates) {
      if (certificate.index !== 0) continue;
      byFile.set(certificate.file, certificate);
      const name = `${certificate.file}#0`;
      if (isCaFile(certificate) && !certificate.isCA)
        yield nodeFileViolation(name, `CA file holds certificate ${certificate.subject} without CA:TRUE`);
      if (!isCaFile(certificate) && certificate.isCA && certificate.issuer !== certificate.subject)
        yield nodeFileViolation(name, `leaf certificate ${certificate.subject} has CA:TRUE`);
      if (basename(certificate.file) === 'apiserver.crt') {
        const missing = APISERVER_NAMES.filter((san) => !certificate.subjectAltNames.includes(san));
        if (missing.length > 0)
          yield nodeFileViolation(name, `API server certificate lacks SANs ${missing.join(', ')}`);
      }
    }
    for (const [file, etcdCa] of byFile) {
      if (basename(file) !== 'ca.crt' || basename(dirname(file)) !== 'etcd') continue;
      const clusterCa = byFile.get(`${dirname(dirname(file))}/ca.crt`);
      if (clusterCa && clusterCa.fingerprint256 === etcdCa.fingerprint256)
        yield nodeFileViolation(`${file}#0`, 'etcd CA is the same certificate as the cluster CA');
    }
  },
};
