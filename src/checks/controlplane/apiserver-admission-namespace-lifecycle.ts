import { missingAdmissionPlugin } from '../../controlplane/admission-plugins.ts';
import type { InventoryCheck } from '../../model/check.ts';

/** NamespaceLifecycle refuses objects in terminating or missing namespaces and protects the system ones. */
export const apiserverAdmissionNamespaceLifecycle: InventoryCheck = {
  id: 'apiserver-admission-namespace-lifecycle',
  title: 'NamespaceLifecycle admission plugin',
  severity: 'medium',
  theme: 'config',
  description:
    'NamespaceLifecycle (on by default) rejects new objects in a namespace that is being deleted or does not exist, and refuses to ' +
    'delete default, kube-system and kube-public. Turned off, objects outlive their namespace and its policies, and the system ' +
    'namespaces can be deleted.',
  remediation:
    'Remove NamespaceLifecycle from --disable-admission-plugins (or add it to the deprecated --admission-control list).',
  nsa: ['namespaces', 'control-plane-hardening'],
  references: [
    'https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#namespacelifecycle',
  ],
  cis: ['1.2.13'],
  target: 'inventory',
  run: ({ inventory }) =>
    missingAdmissionPlugin(
      inventory,
      'NamespaceLifecycle',
      'objects can be created in terminating namespaces and the system namespaces can be deleted',
    ),
};
