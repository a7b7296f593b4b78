import type { InventoryCheck } from '../../model/check.ts';
import type { Probe } from '../../rbac/grants.ts';
import { probeViolations } from '../../rbac/grants.ts';
import { canApproveSigners } from '../../rbac/signer-approval.ts';

const PROBES: readonly Probe[] = [
  {
    verb: 'update',
    resource: 'certificatesigningrequests',
    subresource: 'approval',
    apiGroup: 'certificates.k8s.io',
  },
  {
    verb: 'patch',
    resource: 'certificatesigningrequests',
    subresource: 'approval',
    apiGroup: 'certificates.k8s.io',
  },
];

/** Role can approve CertificateSigningRequests. */
export const rbacCsrApproval: InventoryCheck = {
  id: 'rbac-csr-approval',
  title: 'Role can approve CertificateSigningRequests',
  severity: 'high',
  theme: 'rbac',
  description:
    '`update` on certificatesigningrequests/approval together with `approve` on signers lets a subject approve its own client certificate for any user or group, `system:masters` included with the kube-apiserver-client signer. Approval needs both grants (the second may come through another ClusterRoleBinding, and may be limited to some signers by resourceNames): a subject with only one of them cannot approve and is not reported. Default (bootstrap-labelled and `system:`) bindings, and roles with a `*` on `*` in `*` rule (reported by rbac-wildcard-grant), are not reported.',
  remediation:
    'Leave CSR approval to the controller manager; remove certificatesigningrequests/approval from the rule.',
  nsa: ['rbac'],
  mitre: ['T1078'],
  references: [
    'Kubernetes docs: rbac-good-practices#csrs-and-certificate-issuing',
    'Kubernetes docs: certificate-signing-requests#authorization',
  ],
  cis: ['5.1.11'],
  target: 'inventory',
  run: (context) =>
    probeViolations(context, PROBES, {
      action: 'approve signers.certificates.k8s.io',
      holds: canApproveSigners,
    }),
};
