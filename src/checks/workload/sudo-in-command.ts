import { containersOf } from '../../model/containers.ts';
import type { WorkloadCheck, Violation } from '../../model/check.ts';

const SUDO = /(^|[\s;&|(/])(sudo|su|doas)(\s|$)/;

/** A command that calls sudo expects to gain root inside the container. */
export const sudoInCommand: WorkloadCheck = {
  id: 'sudo-in-command',
  title: 'sudo or su in the container command',
  severity: 'medium',
  theme: 'nonroot',
  description:
    'The container command or args call sudo, su or doas: the image carries a setuid root binary and the workload expects to become root, which defeats running as non-root (and needs allowPrivilegeEscalation).',
  remediation:
    'Do the privileged step at image build time or in a narrowly scoped init container; remove sudo from the image.',
  nsa: ['non-root'],
  references: ['Kubescape: C-0062'],
  target: 'workload',
  run(workload): Violation[] {
    const violations: Violation[] = [];
    for (const { container, path, name } of containersOf(workload.podSpec)) {
      for (const field of ['command', 'args'] as const) {
        const list = container[field];
        if (!Array.isArray(list)) continue;
        for (const [index, word] of list.entries()) {
          if (typeof word === 'string' && SUDO.test(word)) {
            violations.push({
              path: [...path, field, index],
              message: `container "${name}" ${field}[${String(index)}] calls sudo/su`,
            });
          }
        }
      }
    }
    return violations;
  },
};
