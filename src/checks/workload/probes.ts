import { containersOf } from '../../model/containers.ts';
import type { Violation } from '../../model/check.ts';
import type { Workload } from '../../model/workload.ts';
import { BATCH_KINDS } from './security-context.ts';

/**
 * Regular containers of long-running workloads without the given probe. Jobs and CronJobs, init
 * and ephemeral containers are skipped: probes do not apply to them.
 */
export function missingProbe(workload: Workload, probe: 'livenessProbe' | 'readinessProbe'): Violation[] {
  const violations: Violation[] = [];
  if (BATCH_KINDS.has(workload.resource.kind)) return violations;
  for (const { container, field, path, name } of containersOf(workload.podSpec)) {
    if (field !== 'containers' || container[probe] !== undefined) continue;
    violations.push({ path, message: `container "${name}" has no ${probe}` });
  }
  return violations;
}
