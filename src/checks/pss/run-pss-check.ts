import { isExemptNamespace } from '../../pss/target.ts';
import { targetPolicy } from '../../pss/target.ts';
import type { PssCheckId } from '../../pss/check.ts';
import { formatResult } from '../../pss/check.ts';
import { evaluateCheck } from '../../pss/evaluate.ts';
import type { Workload } from '../../model/workload.ts';
import type { CheckContext, Violation } from '../check.ts';

/**
 * The `run` of a `pss-*` workload check: evaluates one PSA check on the pod template at the configured
 * level and version (`pssLevel`, `pssVersion`) and reports PSA's `reason (detail)`. Silent when the
 * check does not run there (a restricted check at baseline, a baseline check its restricted
 * counterpart overrides, a check newer than the version) and in `pssSystemNamespaces`.
 */
export function runPssCheck(id: PssCheckId): (workload: Workload, context: CheckContext) => Violation[] {
  return (workload, { settings }) => {
    if (isExemptNamespace(settings, workload.namespace)) return [];
    const result = evaluateCheck(id, targetPolicy(settings), {
      metadata: workload.podMetadata,
      spec: workload.podSpec,
    });
    return result && !result.allowed ? [{ path: result.path, message: formatResult(result) }] : [];
  };
}
