import type { InventoryCheck } from '../../model/check.ts';
import type { Probe } from '../../rbac/grants.ts';
import { probeViolations } from '../../rbac/grants.ts';

const PROBES: readonly Probe[] = [
  { verb: 'create', resource: 'pods', subresource: 'exec' },
  { verb: 'get', resource: 'pods', subresource: 'exec' },
  { verb: 'create', resource: 'pods', subresource: 'attach' },
  { verb: 'get', resource: 'pods', subresource: 'attach' },
  { verb: 'create', resource: 'pods', subresource: 'portforward' },
  { verb: 'get', resource: 'pods', subresource: 'portforward' },
];

/** Role can exec, attach or port-forward into Pods. */
export const rbacPodExec: InventoryCheck = {
  id: 'rbac-pod-exec',
  title: 'Role can exec, attach or port-forward into Pods',
  severity: 'high',
  theme: 'rbac',
  description:
    'pods/exec, pods/attach and pods/portforward give code execution in, or network access to, any pod in scope with its ServiceAccount. The WebSocket upgrade is a GET, so `get` suffices on clusters before Kubernetes 1.35. Default (bootstrap-labelled and `system:`) bindings, and roles with a `*` on `*` in `*` rule (reported by rbac-wildcard-grant), are not reported.',
  remediation:
    'Remove pods/exec, pods/attach and pods/portforward from the rule, or bind it only where debugging is needed.',
  nsa: ['rbac'],
  mitre: ['T1609'],
  references: [
    'Kubernetes docs: rbac-good-practices',
    'rbac-police: pods_exec',
    'KubiScan: risky-exec-pods',
    'KEP-4006',
  ],
  target: 'inventory',
  run: (context) => probeViolations(context, PROBES),
};
