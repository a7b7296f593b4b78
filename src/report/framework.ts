import type { CheckMeta } from '../model/check.ts';
import type { Finding } from '../model/finding.ts';
import { controlIdsOf } from '../model/frameworks/framework.ts';
import type { Framework, FrameworkId } from '../model/frameworks/framework.ts';
import type { SeverityCounts } from './report.ts';
import { countBySeverity } from './severity-counts.ts';

/**
 * A control's verdict: `fail` when a check implementing it found something that counts, `pass` when
 * at least one ran and none did, `not checked` when none of them had anything to look at, `not
 * covered` when no kubeward check implements it.
 */
export type ControlStatus = 'pass' | 'fail' | 'not checked' | 'not covered';

/** A check implementing a control: whether it applied to this input, and what it found. */
export interface ControlCheck {
  readonly id: string;
  readonly applied: boolean;
  readonly findings: number;
}

/** One line of a framework scorecard. */
export interface ControlSummary {
  readonly id: string;
  readonly title: string;
  readonly group?: string;
  readonly checks: readonly ControlCheck[];
  /** Findings that count (not suppressed) from the implementing checks. */
  readonly findings: number;
  readonly bySeverity: SeverityCounts;
  readonly status: ControlStatus;
}

/** The per-control scorecard of `kubeward scan --framework`. */
export interface FrameworkScorecard {
  readonly id: FrameworkId;
  readonly title: string;
  readonly source: string;
  readonly controls: readonly ControlSummary[];
}

/**
 * Scores every control of `framework` by the checks that implement it: `applied` says which checks
 * had something to look at (and were in force), `findings` are the run's findings.
 */
export function frameworkScorecard<C extends CheckMeta>(
  framework: Framework,
  checks: readonly C[],
  applied: (check: C) => boolean,
  findings: readonly Finding[],
): FrameworkScorecard {
  const counted = new Map<string, Finding[]>();
  for (const finding of findings) {
    if (finding.suppressed !== undefined) continue;
    const list = counted.get(finding.checkId);
    if (list) list.push(finding);
    else counted.set(finding.checkId, [finding]);
  }
  const implementing = new Map<string, C[]>();
  for (const check of checks)
    for (const id of controlIdsOf(check, framework.id)) {
      const list = implementing.get(id);
      if (list) list.push(check);
      else implementing.set(id, [check]);
    }
  return {
    id: framework.id,
    title: framework.title,
    source: framework.source,
    controls: framework.controls.map((control) => {
      const found: Finding[] = [];
      const controlChecks = (implementing.get(control.id) ?? []).map((check) => {
        const own = counted.get(check.id) ?? [];
        for (const finding of own) found.push(finding);
        return { id: check.id, applied: applied(check), findings: own.length };
      });
      const status: ControlStatus =
        controlChecks.length === 0
          ? 'not covered'
          : found.length > 0
            ? 'fail'
            : controlChecks.some((check) => check.applied)
              ? 'pass'
              : 'not checked';
      return {
        id: control.id,
        title: control.title,
        ...(control.group === undefined ? {} : { group: control.group }),
        checks: controlChecks,
        findings: found.length,
        bySeverity: countBySeverity(found),
        status,
      };
    }),
  };
}
