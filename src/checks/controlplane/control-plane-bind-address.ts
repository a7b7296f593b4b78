import type { ComponentName } from '../../controlplane/components.ts';
import { flagOf, viewsOf } from '../../controlplane/components.ts';
import { addressScope } from '../../controlplane/address.ts';
import { flagViolation } from '../../controlplane/violation.ts';
import type { InventoryCheck } from '../../model/check.ts';

const LOOPBACK_ONLY: readonly ComponentName[] = ['kube-controller-manager', 'kube-scheduler'];

/** kube-controller-manager and kube-scheduler need no listener beyond the node itself. */
export const controlPlaneBindAddress: InventoryCheck = {
  id: 'control-plane-bind-address',
  title: 'Controller manager and scheduler bind address',
  severity: 'medium',
  theme: 'network',
  description:
    'kube-controller-manager (port 10257) and kube-scheduler (10259) serve health, metrics and, unless disabled, profiling on ' +
    '--bind-address, which defaults to 0.0.0.0: every interface of the control-plane node. Nothing outside the node needs them; ' +
    'kubeadm binds both to 127.0.0.1. An absent flag is the default, not loopback.',
  remediation: 'Set --bind-address=127.0.0.1 on kube-controller-manager and kube-scheduler.',
  nsa: ['control-plane-hardening'],
  references: ['CIS 1.3.7', 'CIS 1.4.2', 'NSA/CISA Kubernetes Hardening Guide: control plane ports'],
  cis: ['1.3.7', '1.4.2'],
  target: 'inventory',
  *run({ inventory }) {
    for (const component of LOOPBACK_ONLY) {
      for (const view of viewsOf(inventory, component)) {
        const flag = flagOf(view, 'bind-address');
        if (flag && addressScope(flag.value) === 'loopback') continue;
        yield flagViolation(
          view,
          flag,
          flag
            ? `${component} --bind-address=${flag.value} listens beyond the node (use 127.0.0.1)`
            : `${component} sets no --bind-address, so it listens on 0.0.0.0 (every interface)`,
        );
      }
    }
  },
};
