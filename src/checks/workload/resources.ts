import { containersOf } from '../../model/containers.ts';
import type { FieldPath, Mapping } from '../../model/path.ts';
import { getAt } from '../../model/path.ts';
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
    if (isQuantity(getAt(container, QUANTITY_PATHS[bound][resource]))) continue;
    if (bound === 'requests' && isQuantity(getAt(container, QUANTITY_PATHS.limits[resource]))) continue;
    const singular = bound === 'requests' ? 'request' : 'limit';
    (violations ??= []).push({
      path: [...path, 'resources', bound, resource],
      message: `container "${name}" has no ${resource} ${singular}`,
    });
  }
  return violations ?? NO_VIOLATIONS;
}

/** Each `resources.<bound>.<resource>` path in a container, made once rather than at every call. */
const QUANTITY_PATHS: Readonly<Record<'requests' | 'limits', Readonly<Record<'cpu' | 'memory', FieldPath>>>> =
  {
    requests: { cpu: ['resources', 'requests', 'cpu'], memory: ['resources', 'requests', 'memory'] },
    limits: { cpu: ['resources', 'limits', 'cpu'], memory: ['resources', 'limits', 'memory'] },
  };

function isQuantity(value: unknown): boolean {
  return typeof value === 'number' || (typeof value === 'string' && value !== '');
}
