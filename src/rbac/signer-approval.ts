import type { RbacModel } from './model.ts';
import { roleOf, rulesOf } from './model.ts';
import { resourceRequest } from './request.ts';
import { ruleAllows } from './rule-allows.ts';
import type { Subject, UserInfo } from './subject.ts';
import {
  identityOf,
  MASTERS_GROUP,
  serviceAccountUsername,
  subjectAppliesTo,
  subjectNamespace,
} from './subject.ts';

const CERTIFICATES_GROUP = 'certificates.k8s.io';

/**
 * The identity a binding subject stands for: the user or ServiceAccount it names, or any member of
 * the group it names (known only by that group); undefined for a subject that names nobody.
 */
function identityOfSubject(subject: Subject, bindingNamespace: string): UserInfo | undefined {
  switch (subject.kind) {
    case 'User':
      return identityOf(subject.name);
    case 'Group':
      return { name: '', groups: [subject.name] };
    case 'ServiceAccount': {
      const namespace = subjectNamespace(subject, bindingNamespace);
      return namespace === '' ? undefined : identityOf(serviceAccountUsername(namespace, subject.name));
    }
    default:
      return undefined;
  }
}

/**
 * Whether a binding's subject may `approve` on `signers` (certificates.k8s.io) for at least one
 * signer, through any ClusterRoleBinding naming it (signers are cluster-scoped, so RoleBindings
 * grant nothing there). The CSR approval admission check asks for it with the signer's name (or
 * `<domain>/*`), so a rule limited to some signers by resourceNames counts. `system:masters` always
 * may.
 */
export function canApproveSigners(model: RbacModel, subject: Subject, bindingNamespace: string): boolean {
  const user = identityOfSubject(subject, bindingNamespace);
  if (user === undefined) return false;
  if (user.groups.includes(MASTERS_GROUP)) return true;
  return model.clusterRoleBindings.some(
    (binding) =>
      binding.subjects.some((candidate) => subjectAppliesTo(candidate, user, '')) &&
      rulesOf(model, roleOf(model, binding)).some(({ rule }) =>
        ruleAllows(
          rule,
          resourceRequest('approve', 'signers', {
            apiGroup: CERTIFICATES_GROUP,
            name: rule.resourceNames[0] ?? '',
          }),
        ),
      ),
  );
}
