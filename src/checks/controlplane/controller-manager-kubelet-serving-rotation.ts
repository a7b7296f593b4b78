import { flagsNamed, viewsOf } from '../../controlplane/components.ts';
import { parseFeatureGates } from '../../controlplane/flags.ts';
import { flagViolation } from '../../controlplane/violation.ts';
import type { InventoryCheck } from '../../model/check.ts';

const GATE = 'RotateKubeletServerCertificate';

/** The controller manager must keep the feature that approves kubelet serving certificate rotation. */
export const controllerManagerKubeletServingRotation: InventoryCheck = {
  id: 'controller-manager-kubelet-serving-rotation',
  title: 'Controller manager RotateKubeletServerCertificate gate',
  severity: 'medium',
  theme: 'keys',
  description:
    'The RotateKubeletServerCertificate feature gate (on by default since 1.12) lets kubelets request new serving certificates ' +
    'through CertificateSigningRequests as theirs near expiry. Turned off in kube-controller-manager --feature-gates, kubelet ' +
    'serving certificates are not renewed through the cluster and end up expired or self-signed.',
  remediation: `Remove ${GATE}=false from the kube-controller-manager --feature-gates.`,
  nsa: ['control-plane-hardening'],
  references: ['https://kubernetes.io/docs/reference/access-authn-authz/kubelet-tls-bootstrapping/'],
  cis: ['1.3.6'],
  target: 'inventory',
  *run({ inventory }) {
    for (const view of viewsOf(inventory, 'kube-controller-manager'))
      for (const flag of flagsNamed(view, 'feature-gates'))
        if (parseFeatureGates(flag.value).get(GATE) === false)
          yield flagViolation(view, flag, `kube-controller-manager --feature-gates turns ${GATE} off`);
  },
};
