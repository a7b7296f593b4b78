import {
  requiredBy,
  staticPodRequirements,
  withoutRequirements,
} from '../../controlplane/static-pod-requirements.ts';
import { isExemptNamespace } from '../../pss/target.ts';
import { targetPolicy } from '../../pss/target.ts';
import type { CheckPod, PssCheckId } from '../../pss/check.ts';
import { formatResult } from '../../pss/check.ts';
import { checkInForce } from '../../pss/evaluate.ts';
import type { Settings } from '../../model/settings.ts';
import type { Workload } from '../../model/workload.ts';
import { NO_VIOLATIONS } from '../../model/check.ts';
import type { CheckContext, Violation } from '../../model/check.ts';

/**
 * The `run` of a `pss-*` workload check: evaluates one PSA check on the pod template at the configured
 * level and version (`pssLevel`, `pssVersion`) and reports PSA's `reason (detail)`. Silent when the
 * check does not run there (a restricted check at baseline, a baseline check its restricted
 * counterpart overrides, a check newer than the version) and in `pssSystemNamespaces`. On a
 * control-plane static pod that fails only for what its component needs (the host network, the host
 * paths kubeadm mounts), the finding is `info` and says so.
 */
export function runPssCheck(
  id: PssCheckId,
): (workload: Workload, context: CheckContext) => readonly Violation[] {
  const inForce = new WeakMap<Settings, CheckPod | null>();
  return (workload, { inventory, settings }) => {
    let check = inForce.get(settings);
    if (check === undefined)
      inForce.set(settings, (check = checkInForce(id, targetPolicy(settings)) ?? null));
    if (check === null || isExemptNamespace(settings, workload.namespace)) return NO_VIOLATIONS;
    const result = check({ metadata: workload.podMetadata, spec: workload.podSpec });
    if (result.allowed) return NO_VIOLATIONS;
    const requirements = staticPodRequirements(inventory, workload);
    const component = requirements?.components[0];
    if (
      requirements &&
      component &&
      check({ metadata: workload.podMetadata, spec: withoutRequirements(requirements, workload.podSpec) })
        .allowed
    )
      return [
        { path: result.path, message: `${formatResult(result)}: ${requiredBy(component)}`, severity: 'info' },
      ];
    return [{ path: result.path, message: formatResult(result) }];
  };
}

/**
 * The `inForce` of a `pss-*` workload check: whether PSA runs the check at the configured level and
 * version (a restricted check held to baseline, or a check newer than the version, does not).
 */
export function pssCheckInForce(id: PssCheckId): (settings: Settings) => boolean {
  return (settings) => checkInForce(id, targetPolicy(settings)) !== undefined;
}
