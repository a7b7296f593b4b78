import { fingerprint } from '../model/fingerprint.ts';
import { formatPath } from '../model/path.ts';
import type { Report } from '../report/report.ts';
import { locationOf } from '../report/location.ts';
import { streamedMap } from './streamed.ts';

/** Version of the JSON/YAML report shape (docs/output.md); bumped on any incompatible change. */
export const REPORT_API_VERSION = 'kubeward.io/v1alpha2';

/** What a check says about all of its findings, once per report (`rules`), not in each finding. */
export interface RuleEntry {
  readonly title: string;
  readonly severity: string;
  readonly theme: string;
  readonly remediation: string;
}

/**
 * Every check that ran, by id, with its title, default severity, theme and remediation; and any
 * other check a finding names, described by that finding.
 */
function rulesOf(report: Report): Record<string, RuleEntry> {
  const rules: Record<string, RuleEntry> = {};
  for (const { id, title, severity, theme, remediation } of report.checks)
    rules[id] = { title, severity, theme, remediation };
  for (const { checkId, severity, theme, remediation } of report.findings)
    rules[checkId] ??= { title: checkId, severity, theme, remediation };
  return rules;
}

/**
 * The machine-readable report behind `-o json` and `-o yaml`: plain data with a fixed key order,
 * its findings a list produced as it is written. Documented in docs/output.md.
 */
export function reportDocument(report: Report): Record<string, unknown> {
  return {
    apiVersion: REPORT_API_VERSION,
    kind: 'ScanReport',
    tool: report.tool,
    summary: report.summary,
    ...(report.framework === undefined ? {} : { framework: report.framework }),
    rules: rulesOf(report),
    findings: streamedMap(report.findings, (finding) => ({
      check: finding.checkId,
      severity: finding.severity,
      theme: finding.theme,
      message: finding.message,
      object: finding.object,
      field: formatPath(finding.path),
      location: locationOf(finding) ?? null,
      suppressed: finding.suppressed ?? null,
      fingerprint: fingerprint(finding),
      ...(finding.fix === undefined ? {} : { fix: finding.fix }),
    })),
    diagnostics: report.diagnostics,
    ...(report.graphs === undefined ? {} : { graphs: report.graphs }),
  };
}
