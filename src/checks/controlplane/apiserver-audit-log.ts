import { flagOf, viewsOf } from '../../controlplane/components.ts';
import { flagViolation } from '../../controlplane/violation.ts';
import type { InventoryCheck } from '../../model/check.ts';

/** Minimums for the log backend (CIS 1.2.17–1.2.19). */
const LOG_MINIMUMS: readonly (readonly [string, number])[] = [
  ['audit-log-maxage', 30],
  ['audit-log-maxbackup', 10],
  ['audit-log-maxsize', 100],
];

/** The API server must audit with a policy and keep the events: a rotated log file or a webhook off the node. */
export const apiserverAuditLog: InventoryCheck = {
  id: 'apiserver-audit-log',
  title: 'API server audit logging',
  severity: 'medium',
  theme: 'rbac',
  description:
    'Without --audit-policy-file kube-apiserver records nothing. Events must then go somewhere that survives: a log file ' +
    '(--audit-log-path) with retention and rotation (maxage ≥ 30 days, maxbackup ≥ 10, maxsize ≥ 100 MB), or a webhook backend ' +
    '(--audit-webhook-config-file) shipping them off the node. A webhook backend alone satisfies the retention requirement.',
  remediation:
    'Set --audit-policy-file, and either --audit-webhook-config-file or --audit-log-path with --audit-log-maxage=30, --audit-log-maxbackup=10 and --audit-log-maxsize=100.',
  nsa: ['audit-logging'],
  references: ['CIS 1.2.16', 'CIS 1.2.17', 'CIS 1.2.18', 'CIS 1.2.19', 'CIS 3.2.1', 'Kubescape C-0067'],
  cis: ['1.2.16', '1.2.17', '1.2.18', '1.2.19', '3.2.1'],
  target: 'inventory',
  *run({ inventory }) {
    for (const view of viewsOf(inventory, 'kube-apiserver')) {
      if (!flagOf(view, 'audit-policy-file')) {
        yield flagViolation(
          view,
          undefined,
          'kube-apiserver sets no --audit-policy-file, so no audit events are recorded',
        );
        continue;
      }
      if (flagOf(view, 'audit-webhook-config-file')) continue;
      const path = flagOf(view, 'audit-log-path');
      if (!path) {
        yield flagViolation(
          view,
          undefined,
          'kube-apiserver has an audit policy but neither --audit-log-path nor --audit-webhook-config-file',
        );
        continue;
      }
      for (const [name, minimum] of LOG_MINIMUMS) {
        const flag = flagOf(view, name);
        const value = flag ? Number(flag.value) : Number.NaN;
        if (!flag)
          yield flagViolation(view, undefined, `kube-apiserver sets no --${name} (want at least ${minimum})`);
        else if (!Number.isInteger(value) || value < minimum)
          yield flagViolation(view, flag, `kube-apiserver --${name}=${flag.value} is below ${minimum}`);
      }
    }
  },
};
