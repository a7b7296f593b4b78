import { nodeFileViolation } from '../../controlplane/violation.ts';
import type { InventoryCheck } from '../../model/check.ts';
import { hasPemFiles } from './pem-files.ts';

const DAY = 24 * 60 * 60 * 1000;

/** Certificates must be valid now and not expire within the configured window. */
export const certificateExpiry: InventoryCheck = {
  id: 'certificate-expiry',
  title: 'Certificate expiry',
  severity: 'high',
  theme: 'keys',
  description:
    'kubeadm issues leaf certificates for one year and CAs for ten; an expired API server, etcd or kubelet certificate stops the ' +
    'control plane. Certificates expiring within settings.certificateExpiryDays (default 30) days, already expired or not yet valid are reported.',
  remediation:
    'Renew with `kubeadm certs renew all` (or your PKI) and restart the static pods; enable kubelet rotateCertificates.',
  nsa: ['encryption'],
  references: ['https://kubernetes.io/docs/tasks/administer-cluster/kubeadm/kubeadm-certs/'],
  reads: "the certificate and key files (`*.crt`, `*.pem`, `*.cert`, `*.key`) of a node's directories",
  target: 'inventory',
  applies: hasPemFiles,
  *run({ inventory, settings, now }) {
    for (const certificate of inventory.nodeFiles.certificates) {
      const name = `${certificate.file}#${certificate.index}`;
      const left = Math.floor((certificate.notAfter.getTime() - now.getTime()) / DAY);
      const until = certificate.notAfter.toISOString();
      if (certificate.notAfter.getTime() <= now.getTime())
        yield nodeFileViolation(name, `certificate ${certificate.subject} expired on ${until}`);
      else if (left < settings.certificateExpiryDays)
        yield nodeFileViolation(
          name,
          `certificate ${certificate.subject} expires in ${left} days on ${until}`,
        );
      if (certificate.notBefore.getTime() > now.getTime())
        yield nodeFileViolation(
          name,
          `certificate ${certificate.subject} is not valid before ${certificate.notBefore.toISOString()}`,
        );
    }
  },
};
