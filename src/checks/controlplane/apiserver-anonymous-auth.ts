import { configNamedBy } from '../../controlplane/config-files.ts';
import { flagOf, viewsOf } from '../../controlplane/components.ts';
import { parseBool } from '../../controlplane/flags.ts';
import { flagViolation } from '../../controlplane/violation.ts';
import { getAt, isRecord } from '../../model/path.ts';
import type { InventoryCheck } from '../../model/check.ts';

/** Health endpoints `system:public-info-viewer` exposes by design; anonymous access limited to them is fine. */
const HEALTH_PATHS = new Set(['/livez', '/readyz', '/healthz']);

/** Anonymous requests to the API server must be off, or limited to the health endpoints. */
export const apiserverAnonymousAuth: InventoryCheck = {
  id: 'apiserver-anonymous-auth',
  title: 'API server anonymous authentication',
  severity: 'medium',
  theme: 'authn',
  description:
    'kube-apiserver treats unauthenticated requests as system:anonymous unless --anonymous-auth=false (default true). ' +
    'Any RBAC binding to system:anonymous or system:unauthenticated then opens the API to the network. ' +
    'With AuthenticationConfiguration (AnonymousAuthConfigurableEndpoints, GA in 1.34) anonymous access may be limited to /livez, /readyz and /healthz.',
  remediation:
    'Set --anonymous-auth=false, or in the AuthenticationConfiguration set anonymous.enabled with conditions limited to /livez, /readyz and /healthz.',
  nsa: ['authentication', 'control-plane-hardening'],
  references: ['CIS 1.2.1', 'kube-hunter KHV005'],
  cis: ['1.2.1'],
  target: 'inventory',
  *run({ inventory }) {
    for (const view of viewsOf(inventory, 'kube-apiserver')) {
      const configFlag = flagOf(view, 'authentication-config');
      const config = configFlag
        ? configNamedBy(inventory, 'AuthenticationConfiguration', configFlag.value)
        : undefined;
      const anonymous = config ? getAt(config.object, ['anonymous']) : undefined;
      if (config && isRecord(anonymous)) {
        if (anonymous.enabled !== true) continue;
        const conditions = Array.isArray(anonymous.conditions) ? anonymous.conditions : [];
        const paths = conditions.map((condition: unknown) =>
          isRecord(condition) ? condition.path : undefined,
        );
        const open = paths.filter((path) => typeof path !== 'string' || !HEALTH_PATHS.has(path));
        if (paths.length > 0 && open.length === 0) continue;
        yield {
          resource: config,
          path: ['anonymous'],
          message: `AuthenticationConfiguration enables anonymous access beyond /livez, /readyz and /healthz`,
        };
        continue;
      }
      const flag = flagOf(view, 'anonymous-auth');
      if (flag && parseBool(flag.value) === false) continue;
      yield flagViolation(
        view,
        flag,
        flag
          ? `kube-apiserver --anonymous-auth=${flag.value} lets unauthenticated requests in as system:anonymous`
          : 'kube-apiserver sets no --anonymous-auth, so anonymous requests are allowed (default true)',
      );
    }
  },
};
