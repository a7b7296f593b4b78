import type { InventoryCheck } from '../../model/check.ts';
import type { Probe } from '../../rbac/grants.ts';
import { probeViolations } from '../../rbac/grants.ts';

const PROBES: readonly Probe[] = [
  { verb: 'get', resource: 'nodes', subresource: 'proxy' },
  { verb: 'create', resource: 'nodes', subresource: 'proxy' },
];

/** Role can use nodes/proxy. */
export const rbacNodesProxy: InventoryCheck = {
  id: 'rbac-nodes-proxy',
  title: 'Role can use nodes/proxy',
  severity: 'critical',
  theme: 'rbac',
  description:
    'nodes/proxy reaches the kubelet API of every node: exec into any pod on it, outside audit logging and admission control. `get` alone suffices. Default (bootstrap-labelled and `system:`) bindings, and roles with a `*` on `*` in `*` rule (reported by rbac-wildcard-grant), are not reported.',
  remediation: 'Remove nodes/proxy; monitoring usually needs only nodes/metrics or nodes/stats.',
  nsa: ['rbac'],
  mitre: ['T1609'],
  references: [
    'Kubernetes docs: rbac-good-practices#access-to-proxy-subresource-of-nodes',
    'rbac-police: nodes_proxy',
    'KubiScan: risky-execute-command-node-proxy',
  ],
  cis: ['5.1.10'],
  target: 'inventory',
  run: (context) => probeViolations(context, PROBES),
};
