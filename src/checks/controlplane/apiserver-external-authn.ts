import { configNamedBy } from '../../controlplane/config-files.ts';
import { flagOf, viewsOf } from '../../controlplane/components.ts';
import { flagViolation } from '../../controlplane/violation.ts';
import { getAt } from '../../model/path.ts';
import type { InventoryCheck } from '../../model/check.ts';

/** Users should come from an identity provider (OIDC, webhook, structured JWT), not client certificates. */
export const apiserverExternalAuthn: InventoryCheck = {
  id: 'apiserver-external-authn',
  title: 'API server without third-party authentication',
  severity: 'medium',
  theme: 'authn',
  description:
    'Without OIDC (--oidc-issuer-url), webhook token authentication (--authentication-token-webhook-config-file) or JWT ' +
    'authenticators in an AuthenticationConfiguration (--authentication-config), people authenticate with client ' +
    'certificates or tokens that cannot be revoked and carry no MFA.',
  remediation:
    'Configure an AuthenticationConfiguration with a jwt authenticator for your identity provider (or --oidc-* flags, or a token webhook).',
  nsa: ['authentication'],
  references: ['CIS 3.1.1', 'CIS 3.1.2', 'CIS 3.1.3'],
  cis: ['3.1.1', '3.1.2', '3.1.3'],
  target: 'inventory',
  *run({ inventory }) {
    for (const view of viewsOf(inventory, 'kube-apiserver')) {
      if (flagOf(view, 'oidc-issuer-url') || flagOf(view, 'authentication-token-webhook-config-file'))
        continue;
      const configFlag = flagOf(view, 'authentication-config');
      if (configFlag) {
        const config = configNamedBy(inventory, 'AuthenticationConfiguration', configFlag.value);
        const jwt = config ? getAt(config.object, ['jwt']) : undefined;
        if (!config || (Array.isArray(jwt) && jwt.length > 0)) continue;
        yield { resource: config, path: [], message: 'AuthenticationConfiguration has no jwt authenticator' };
        continue;
      }
      yield flagViolation(
        view,
        undefined,
        'kube-apiserver configures no OIDC, webhook or structured authentication',
      );
    }
  },
};
