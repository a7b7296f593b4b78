import type { AggregateResult, LevelVersion } from './evaluate.ts';
import {
  aggregate,
  evaluatePod,
  formatLevelVersion,
  violatesMessage,
  wouldViolateMessage,
} from './evaluate.ts';
import type { NamespacePolicy } from './namespace-policy.ts';
import type { PodView } from './pod.ts';

/** What the API server answers when the object is created in a namespace with this policy. */
export interface AdmissionVerdict {
  /** For a Pod, the enforce error (`violates PodSecurity "…": …`); undefined when admitted. */
  readonly denied: string | undefined;
  /** For a pod controller, the enforce error its pods would get; undefined when they would be admitted. */
  readonly podsDenied: string | undefined;
  /** Warning headers (`would violate PodSecurity "…": …`), never sent with a denial. */
  readonly warnings: readonly string[];
}

/**
 * Mirrors PSA's admission of a pod (`isPod`) or a pod controller: a pod is denied when the enforce
 * level fails and otherwise warned about when the warn level fails; a controller is never denied,
 * only warned, but the pods it creates face the enforce level (reported as `podsDenied`).
 */
export function admit(policy: NamespacePolicy, pod: PodView, isPod: boolean): AdmissionVerdict {
  const results = new Map<string, AggregateResult>();
  const evaluate = (levelVersion: LevelVersion): AggregateResult => {
    const key = formatLevelVersion(levelVersion);
    let result = results.get(key);
    if (!result) results.set(key, (result = aggregate(evaluatePod(levelVersion, pod))));
    return result;
  };
  const enforce = evaluate(policy.enforce);
  const enforceError = enforce.allowed ? undefined : violatesMessage(policy.enforce, enforce);
  const denied = isPod ? enforceError : undefined;
  const warnings: string[] = [];
  if (denied === undefined) {
    const warn = evaluate(policy.warn);
    if (!warn.allowed) warnings.push(wouldViolateMessage(policy.warn, warn));
  }
  return { denied, podsDenied: isPod ? undefined : enforceError, warnings };
}
