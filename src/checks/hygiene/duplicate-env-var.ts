import { containersOf } from '../../model/containers.ts';
import { isRecord } from '../../model/path.ts';
import type { WorkloadCheck, Violation } from '../../model/check.ts';

/** With two entries of one name only the last counts, so what reviewers read is not what runs. */
export const duplicateEnvVar: WorkloadCheck = {
  id: 'duplicate-env-var',
  title: 'Environment variable set twice',
  severity: 'low',
  theme: 'config',
  description:
    "A container's env lists the same name twice. The later entry silently wins, so a reviewed value (a TLS switch, an endpoint) can be overridden further down the list.",
  remediation: 'Keep one entry per variable name.',
  references: [
    'kube-score: environment-variable-key-duplication',
    'KubeLinter: duplicate-env-var',
    'Kubescape: C-0295',
  ],
  target: 'workload',
  run(workload): Violation[] {
    const violations: Violation[] = [];
    for (const { container, path, name } of containersOf(workload.podSpec)) {
      if (!Array.isArray(container.env) || container.env.length < 2) continue;
      const seen = new Set<string>();
      for (const [index, variable] of container.env.entries()) {
        if (!isRecord(variable) || typeof variable.name !== 'string') continue;
        if (seen.has(variable.name)) {
          violations.push({
            path: [...path, 'env', index],
            message: `container "${name}" sets ${variable.name} more than once`,
          });
        }
        seen.add(variable.name);
      }
    }
    return violations;
  },
};
