import { containersOf } from '../../model/containers.ts';
import type { Mapping } from '../../model/path.ts';
import { isRecord } from '../../model/path.ts';
import { NO_VIOLATIONS } from '../../model/check.ts';
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
): readonly Violation[] {
  let violations: Violation[] | undefined;
  for (const { container, field, path, name } of containersOf(podSpec)) {
    if (field === 'ephemeralContainers') continue;
    if (isQuantity(quantityAt(container, bound, resource))) continue;
    if (bound === 'requests' && isQuantity(quantityAt(container, 'limits', resource))) continue;
    const singular = bound === 'requests' ? 'request' : 'limit';
    (violations ??= []).push({
      path: [...path, 'resources', bound, resource],
      message: `container "${name}" has no ${resource} ${singular}`,
    });
  }
  return violations ?? NO_VIOLATIONS;
}

/** A container's `resources.<bound>.<resource>`, or undefined. */
function quantityAt(container: Mapping, bound: 'requests' | 'limits', resource: 'cpu' | 'memory'): unknown {
  const resources = container.resources;
  if (!isRecord(resources)) return undefined;
  const quantities = resources[bound];
  return isRecord(quantities) ? quantities[resource] : undefined;
}

function isQuantity(value: unknown): boolean {
  return typeof value === 'number' || (typeof value === 'string' && value !== '');
}
