import type { CheckContext } from '../../model/check.ts';
import { selectorMatches } from '../../model/label-selector.ts';
import type { Mapping } from '../../model/path.ts';
import { checkModelOf } from '../../netpol/cache.ts';
import { rbacModelOf } from '../../rbac/cache.ts';
import { podWriterIn } from '../../rbac/pod-writers.ts';

/**
 * Whether a selector that matches no pod of the manifests may still match pods made at run time:
 * a workload of the manifests may write pods in one of `namespaces` (an operator: see
 * podWriterIn), and the selector matches no hostNetwork pod of the manifests there either (a
 * policy written for hostNetwork pods, which policies ignore, is judged as written).
 * `podSelector` undefined selects every pod.
 */
export function mayMatchUnseenPods(
  { inventory, settings }: Pick<CheckContext, 'inventory' | 'settings'>,
  namespaces: readonly string[],
  podSelector: Mapping | undefined,
): boolean {
  const rbac = rbacModelOf(inventory, settings.kubernetesVersion);
  if (!namespaces.some((namespace) => podWriterIn(rbac, inventory, namespace) !== undefined)) return false;
  return !checkModelOf(inventory, settings).pods.classes.some(
    (podClass) =>
      podClass.hostNetwork &&
      namespaces.includes(podClass.namespace) &&
      (podSelector === undefined || selectorMatches(podSelector, podClass.labels)),
  );
}
