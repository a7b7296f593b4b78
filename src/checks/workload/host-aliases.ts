import { isRecord } from '../../model/path.ts';
import type { WorkloadCheck, Violation } from '../../model/check.ts';

/** hostAliases rewrite the pod's /etc/hosts, sending names to addresses that bypass DNS and policy review. */
export const hostAliases: WorkloadCheck = {
  id: 'host-aliases',
  title: 'hostAliases override name resolution',
  severity: 'low',
  theme: 'network',
  description:
    "spec.hostAliases writes entries into the pod's /etc/hosts. They silently redirect service names (for example to an attacker-controlled or internal address), escape DNS-based monitoring and go stale when addresses change.",
  remediation:
    'Remove hostAliases; publish the names in DNS (a Service, an ExternalName Service or CoreDNS hosts plugin).',
  references: ['Trivy: KSV007'],
  target: 'workload',
  run(workload): Violation[] {
    const violations: Violation[] = [];
    const aliases = workload.podSpec.hostAliases;
    if (!Array.isArray(aliases)) return violations;
    for (const [index, alias] of aliases.entries()) {
      if (!isRecord(alias)) continue;
      const names = Array.isArray(alias.hostnames)
        ? alias.hostnames.filter((n) => typeof n === 'string')
        : [];
      const ip = typeof alias.ip === 'string' ? alias.ip : '';
      violations.push({
        path: ['hostAliases', index],
        message: `pod maps ${names.join(', ') || '(no hostnames)'} to ${ip || '(no ip)'} in /etc/hosts`,
      });
    }
    return violations;
  },
};
