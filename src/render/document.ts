import { fingerprint } from '../model/fingerprint.ts';
import { formatPath } from '../model/path.ts';
import type { Report } from '../report/report.ts';
import { locationOf } from '../report/location.ts';
import { streamedMap } from './streamed.ts';

/** Version of the JSON/YAML report shape (docs/output.md); bumped on any incompatible change. */
const REPORT_API_VERSION = 'kubeward.io/v1alpha1';

/**
 * The machine-readable report behind `-o json` and `-o yaml`: plain data with a fixed key order.
 * Its findings are a list made as it is written. Documented in docs/output.md.
 */
export function reportDocument(report: Report): Record<string, unknown> {
  const titles = new Map(report.checks.map((check) => [check.id, check.title]));
  return {
    apiVersion: REPORT_API_VERSION,
    kind: 'ScanReport',
    tool: report.tool,
    summary: report.summary,
    ...(report.framework === undefined ? {} : { framework: report.framework }),
    findings: streamedMap(report.findings, (finding) => {
      const location = locationOf(finding);
      return {
        check: finding.checkId,
        title: titles.get(finding.checkId) ?? finding.checkId,
        severity: finding.severity,
        theme: finding.theme,
        message: finding.message,
        object: finding.object,
        field: formatPath(finding.path),
        location: location ?? null,
        remediation: finding.remediation,
        suppressed: finding.suppressed ?? null,
        fingerprint: fingerprint(finding),
      };
    }),
    diagnostics: report.diagnostics,
  };
}
