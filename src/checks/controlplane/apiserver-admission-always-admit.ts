import { admissionPlugins } from '../../controlplane/admission-plugins.ts';
import { viewsOf } from '../../controlplane/components.ts';
import { flagViolation } from '../../controlplane/violation.ts';
import type { InventoryCheck } from '../../model/check.ts';

/** AlwaysAdmit is a deprecated plugin that admits every request and has no place in a real chain. */
export const apiserverAdmissionAlwaysAdmit: InventoryCheck = {
  id: 'apiserver-admission-always-admit',
  title: 'AlwaysAdmit admission plugin',
  severity: 'medium',
  theme: 'config',
  description:
    'AlwaysAdmit is deprecated and off by default: it admits every request without looking at it. Enabling it signals an admission ' +
    'chain configured to let everything through, and it hides the intent of the admission flags from reviewers.',
  remediation:
    'Remove AlwaysAdmit from --enable-admission-plugins (or from the deprecated --admission-control list).',
  nsa: ['pod-security-enforcement', 'control-plane-hardening'],
  mitre: ['T1610'],
  references: ['https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#alwaysadmit'],
  cis: ['1.2.10'],
  target: 'inventory',
  *run({ inventory }) {
    for (const view of viewsOf(inventory, 'kube-apiserver')) {
      const decision = admissionPlugins(view).decide('AlwaysAdmit');
      if (decision.enabled)
        yield flagViolation(
          view,
          decision.flag,
          `kube-apiserver --${decision.by} enables AlwaysAdmit, which admits every request unchecked`,
        );
    }
  },
};
