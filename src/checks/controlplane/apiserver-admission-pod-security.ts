import { missingAdmissionPlugin } from '../../controlplane/admission-plugins.ts';
import type { InventoryCheck } from '../../model/check.ts';

/** The PodSecurity plugin enforces the pod-security.kubernetes.io namespace labels. */
export const apiserverAdmissionPodSecurity: InventoryCheck = {
  id: 'apiserver-admission-pod-security',
  title: 'PodSecurity admission plugin',
  severity: 'high',
  theme: 'linux',
  description:
    'Pod Security Admission (on by default since Kubernetes 1.23) is the built-in control that enforces the Pod Security Standards ' +
    'through the pod-security.kubernetes.io/enforce namespace labels. Turned off, those labels are decoration: privileged pods are ' +
    'admitted everywhere unless a webhook policy engine stands in.',
  remediation:
    'Remove PodSecurity from --disable-admission-plugins (or add it to the deprecated --admission-control list); configure ' +
    'cluster defaults with an AdmissionConfiguration if needed.',
  nsa: ['pod-security-enforcement'],
  mitre: ['T1610', 'T1611'],
  references: ['https://kubernetes.io/docs/concepts/security/pod-security-admission/'],
  cis: ['5.2.1'],
  target: 'inventory',
  run: ({ inventory }) =>
    missingAdmissionPlugin(inventory, 'PodSecurity', 'namespace Pod Security labels are not enforced'),
};
