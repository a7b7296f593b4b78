import { missingAdmissionPlugin } from '../../controlplane/admission-plugins.ts';
import type { InventoryCheck } from '../../model/check.ts';

/** NodeRestriction confines each kubelet to its own Node and the pods bound to it. */
export const apiserverAdmissionNodeRestriction: InventoryCheck = {
  id: 'apiserver-admission-node-restriction',
  title: 'NodeRestriction admission plugin',
  severity: 'high',
  theme: 'rbac',
  description:
    'The Node authorizer lets a kubelet read what its pods need; the NodeRestriction admission plugin is what stops it from ' +
    'modifying other Node objects, pods bound elsewhere, or its own node-restriction.kubernetes.io/ labels. It is off by default ' +
    'in every Kubernetes release (kubeadm enables it on its own command line): without it a stolen kubelet credential rewrites ' +
    'any node and steers workloads.',
  remediation:
    'Add NodeRestriction to --enable-admission-plugins (and use --authorization-mode with Node), and keep it out of --disable-admission-plugins.',
  nsa: ['control-plane-hardening'],
  references: [
    'https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#noderestriction',
  ],
  cis: ['1.2.14'],
  target: 'inventory',
  run: ({ inventory }) =>
    missingAdmissionPlugin(
      inventory,
      'NodeRestriction',
      'a kubelet may modify other nodes and pods not bound to it',
    ),
};
