import { admissionPlugins } from '../../controlplane/admission-plugins.ts';
import { viewsOf } from '../../controlplane/components.ts';
import { flagViolation } from '../../controlplane/violation.ts';
import type { InventoryCheck } from '../../model/check.ts';

/** Admission flags the API server rejects at start-up leave the control plane down. */
export const apiserverAdmissionFlags: InventoryCheck = {
  id: 'apiserver-admission-flags',
  title: 'Conflicting admission plugin flags',
  severity: 'medium',
  theme: 'config',
  description:
    'kube-apiserver refuses to start when a plugin is named in both --enable-admission-plugins and --disable-admission-plugins, ' +
    'or when the deprecated --admission-control is combined with either (k8s.io/apiserver and pkg/kubeapiserver AdmissionOptions.Validate). ' +
    'Such a manifest either never ran or takes the control plane down at the next restart, and its admission intent is ambiguous.',
  remediation:
    'Name each plugin in one list only, and replace --admission-control with --enable-admission-plugins and --disable-admission-plugins.',
  nsa: ['control-plane-hardening'],
  references: [
    'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/',
    'kubernetes/kubernetes pkg/kubeapiserver/options/admission.go',
  ],
  target: 'inventory',
  *run({ inventory }) {
    for (const view of viewsOf(inventory, 'kube-apiserver'))
      for (const conflict of admissionPlugins(view).conflicts)
        yield flagViolation(view, conflict.flag, conflict.message);
  },
};
