import type { Mapping } from '../model/path.ts';
import { renderKubesecJson } from './json.ts';
import { kubesecReport } from './report.ts';
import type { KubesecReport, ReportOptions } from './report.ts';

/** Whether an object reaches a minimum kubesec score, as kubesec-webhook decides admission. */
export interface MinimumScoreVerdict {
  readonly allowed: boolean;
  /** The score (0 for a kind no rule applies to). */
  readonly score: number;
  /** False when no rule applies to the kind: kubesec-webhook then allows with a warning. */
  readonly supported: boolean;
  /** kubesec-webhook's denial text: `<name> score is <n>, minimum accepted score is <min>` and the report. */
  readonly message: string;
  readonly report: KubesecReport;
}

/**
 * kubesec-webhook's rule (`--min-score`, default 0): deny when the score is below `minimum` (note: the
 * kubesec CLI fails at 0 or less, the webhook only below the minimum). Kinds no rule applies to are
 * allowed with kubesec-webhook's warning. Schema validation is off by default here: the API server has
 * already validated an admitted object. Pure.
 */
export function checkMinimumScore(
  object: Mapping,
  minimum: number,
  options: ReportOptions = {},
): MinimumScoreVerdict {
  const { report, result } = kubesecReport(object, 'API', { validate: false, ...options });
  const supported = result?.supported ?? false;
  if (!supported)
    return {
      allowed: true,
      score: 0,
      supported,
      message: 'resource kind not supported, validation skipped',
      report,
    };
  const name = report.object.slice(report.object.indexOf('/') + 1, report.object.lastIndexOf('.'));
  const allowed = report.score >= minimum;
  return {
    allowed,
    score: report.score,
    supported,
    message: allowed
      ? ''
      : `${name} score is ${String(report.score)}, minimum accepted score is ${String(minimum)}\nScan Result:\n${renderKubesecJson([report])}`,
    report,
  };
}
