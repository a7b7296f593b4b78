import type { InventoryCheck } from '../../model/check.ts';
import { rbacModelOf } from '../../rbac/cache.ts';
import { describeGrantedRule, describeScope, reportedBindings } from '../../rbac/grants.ts';
import { describeObject, roleOf, rulesOf } from '../../rbac/model.ts';
import { describePolicyRule } from '../../rbac/policy-rule.ts';
import { describeSubject } from '../../rbac/subject.ts';

/** A bound rule with `*` in verbs, resources or nonResourceURLs. */
export const rbacWildcardGrant: InventoryCheck = {
  id: 'rbac-wildcard-grant',
  title: 'Binding grants a wildcard rule',
  severity: 'high',
  theme: 'rbac',
  description:
    'A rule with `*` in verbs, resources or nonResourceURLs grants every present and future verb or resource type, subresources included; `*` on `*` in `*` is cluster-admin. Reported once per subject of every input binding whose role holds such a rule. Default (bootstrap-labelled and `system:`) bindings are not reported.',
  remediation: 'List the verbs and resources the subject needs instead of `*`.',
  nsa: ['rbac'],
  references: [
    'Kubernetes docs: rbac-good-practices#least-privilege',
    'rbac-police: cluster_admin',
    'KubiScan: risky-any-verb',
    'krane: subjects-with-open-cluster-wide-access',
    'Falco: ClusterRole With Wildcard Created',
  ],
  cis: ['5.1.3'],
  target: 'inventory',
  *run({ inventory, settings }) {
    const model = rbacModelOf(inventory, settings.kubernetesVersion);
    for (const binding of reportedBindings(inventory)) {
      const role = roleOf(model, binding);
      const wildcards = rulesOf(model, role).filter(
        ({ rule }) =>
          rule.verbs.includes('*') || rule.resources.includes('*') || rule.nonResourceURLs.includes('*'),
      );
      if (role === undefined || wildcards.length === 0) continue;
      const rules = wildcards
        .map((granted) => `${describeGrantedRule(role, granted)} (${describePolicyRule(granted.rule)})`)
        .join(' and ');
      for (const subject of binding.subjects) {
        yield {
          resource: binding.resource,
          path: subject.path,
          message: `${describeSubject(subject, binding.namespace)} holds a wildcard rule ${describeScope(binding)} through ${describeObject(binding)} and ${rules}`,
        };
      }
    }
  },
};
