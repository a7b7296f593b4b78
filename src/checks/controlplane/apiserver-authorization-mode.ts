import { configNamedBy } from '../../controlplane/config-files.ts';
import { flagOf, flagsNamed, listOf, viewsOf } from '../../controlplane/components.ts';
import { flagViolation } from '../../controlplane/violation.ts';
import { getAt, isRecord } from '../../model/path.ts';
import type { InventoryCheck } from '../../model/check.ts';

/** The API server must authorize with Node and RBAC, never AlwaysAllow or ABAC, in either configuration form. */
export const apiserverAuthorizationMode: InventoryCheck = {
  id: 'apiserver-authorization-mode',
  title: 'API server authorization modes',
  severity: 'critical',
  theme: 'rbac',
  description:
    'kube-apiserver authorizes requests with the modes of --authorization-mode (default AlwaysAllow) or the authorizers of ' +
    '--authorization-config (StructuredAuthorizationConfiguration, GA in 1.32). AlwaysAllow lets every authenticated request ' +
    'through, ABAC needs a restart for every policy change; Node restricts kubelets and RBAC gives least privilege.',
  remediation:
    'Set --authorization-mode=Node,RBAC (kubeadm default) or list Node and RBAC authorizers in the AuthorizationConfiguration; remove AlwaysAllow and ABAC.',
  nsa: ['rbac', 'control-plane-hardening'],
  references: ['CIS 1.2.6', 'CIS 1.2.7', 'CIS 1.2.8', 'Kubescape C-0088'],
  cis: ['1.2.6', '1.2.7', '1.2.8'],
  target: 'inventory',
  *run({ inventory }) {
    for (const view of viewsOf(inventory, 'kube-apiserver')) {
      const configFlag = flagOf(view, 'authorization-config');
      let modes: readonly string[];
      let flag = flagsNamed(view, 'authorization-mode').at(-1);
      if (configFlag) {
        const config = configNamedBy(inventory, 'AuthorizationConfiguration', configFlag.value);
        const authorizers = config ? getAt(config.object, ['authorizers']) : undefined;
        if (!config || !Array.isArray(authorizers)) {
          yield flagViolation(
            view,
            configFlag,
            `kube-apiserver --authorization-config=${configFlag.value} names no AuthorizationConfiguration in the scan, so its authorizers are unknown`,
          );
          continue;
        }
        modes = authorizers.map((authorizer: unknown) =>
          isRecord(authorizer) && typeof authorizer.type === 'string' ? authorizer.type : '',
        );
        flag = configFlag;
      } else {
        modes = flag ? listOf(view, 'authorization-mode') : ['AlwaysAllow'];
      }
      const where = configFlag ? 'authorization config' : '--authorization-mode';
      if (!configFlag && !flag) {
        yield flagViolation(
          view,
          undefined,
          'kube-apiserver sets no --authorization-mode, so it defaults to AlwaysAllow',
        );
        continue;
      }
      if (modes.includes('AlwaysAllow'))
        yield flagViolation(view, flag, `kube-apiserver ${where} includes AlwaysAllow`);
      if (modes.includes('ABAC')) yield flagViolation(view, flag, `kube-apiserver ${where} includes ABAC`);
      if (!modes.includes('Node')) yield flagViolation(view, flag, `kube-apiserver ${where} lacks Node`);
      if (!modes.includes('RBAC')) yield flagViolation(view, flag, `kube-apiserver ${where} lacks RBAC`);
    }
  },
};
