import { containersOf } from '../../model/containers.ts';
import type { Mapping } from '../../model/path.ts';
import { getAt } from '../../model/path.ts';
import type { Violation } from '../../model/check.ts';

/**
 * Containers missing `resources.<bound>.<resource>` (init and regular containers; ephemeral
 * containers may not set resources). An empty string counts as missing. A missing request is
 * defaulted by Kubernetes to the limit, so a limit satisfies the request checks.
 */
export function missingResource(
  podSpec: Mapping,
  bound: 'requests' | 'limits',
  resource: 'cpu' | 'memory',
): Violation[] {
  const violations: Violation[] = [];
  for (const { container, field, path, name } of containersOf(podSpec)) {
    if (field === 'ephemeralContainers') continue;
    if (isQuantity(getAt(container, ['resources', bound, resource]))) continue;
    if (bound === 'requests' && isQuantity(getAt(container, ['resources', 'limits', resource]))) continue;
    const singular = bound === 'requests' ? 'request' : 'limit';
    violations.push({
      path: [...path, 'resources', bound, resource],
      message: `container "${name}" has no ${resource} ${singular}`,
    });
  }
  return violations;
}

function isQuantity(value: unknown): boolean {
  return typeof value === 'number' || (typeof value === 'string' && value !== '');
}
