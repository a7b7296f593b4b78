import { flagOf, viewsOf } from '../../controlplane/components.ts';
import { flagViolation } from '../../controlplane/violation.ts';
import type { InventoryCheck } from '../../model/check.ts';

/** Static token and password files hold long-lived credentials that only a restart can revoke. */
export const apiserverStaticCredentials: InventoryCheck = {
  id: 'apiserver-static-credentials',
  title: 'API server static token or password file',
  severity: 'high',
  theme: 'authn',
  description:
    '--token-auth-file loads bearer tokens from a CSV file: they never expire and changing them needs an API server restart. ' +
    '--basic-auth-file was removed in Kubernetes 1.19; a manifest still setting it is stale and will not start on current versions.',
  remediation:
    'Remove --token-auth-file (and --basic-auth-file); authenticate users through OIDC, a webhook or structured authentication.',
  nsa: ['authentication'],
  mitre: ['T1110', 'T1078'],
  references: ['CIS 1.2.2'],
  cis: ['1.2.2'],
  target: 'inventory',
  *run({ inventory }) {
    for (const view of viewsOf(inventory, 'kube-apiserver')) {
      for (const name of ['token-auth-file', 'basic-auth-file']) {
        const flag = flagOf(view, name);
        if (flag) yield flagViolation(view, flag, `kube-apiserver sets --${name}=${flag.value}`);
      }
    }
  },
};
