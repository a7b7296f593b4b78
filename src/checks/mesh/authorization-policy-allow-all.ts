import { isRecord } from '../../model/path.ts';
import type { ResourceCheck, Violation } from '../../model/check.ts';
import { isIstio } from './istio.ts';

/** An ALLOW AuthorizationPolicy with an empty rule admits every request to the selected workloads. */
export const authorizationPolicyAllowAll: ResourceCheck = {
  id: 'authorization-policy-allow-all',
  title: 'Istio AuthorizationPolicy allows every request',
  severity: 'high',
  theme: 'mesh',
  description:
    'An AuthorizationPolicy with action ALLOW (the default) whose rules contain an empty rule ({}) matches every request, from any source, authenticated or not. It silently cancels deny-by-default policies for the workloads it selects. (A policy with no rules at all allows nothing and is fine.)',
  remediation:
    'Give each ALLOW rule a from (principals or namespaces), to (methods, paths, ports) or when clause.',
  nsa: ['service-meshes', 'network-policies'],
  references: ['Istio: AuthorizationPolicy Rule', 'Kubescape: C-0274'],
  kinds: ['AuthorizationPolicy'],
  target: 'resource',
  run(resource): Violation[] {
    const violations: Violation[] = [];
    if (!isIstio(resource, 'security')) return violations;
    const spec = resource.object.spec;
    if (!isRecord(spec) || (spec.action !== undefined && spec.action !== 'ALLOW')) return violations;
    if (!Array.isArray(spec.rules)) return violations;
    for (const [index, rule] of spec.rules.entries()) {
      if (rule !== null && !(isRecord(rule) && Object.keys(rule).length === 0)) continue;
      violations.push({
        path: ['spec', 'rules', index],
        message: `AuthorizationPolicy rule ${String(index)} is empty and allows every request`,
      });
    }
    return violations;
  },
};
