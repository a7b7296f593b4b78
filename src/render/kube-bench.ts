import { jsonText } from './json-text.ts';
import type { CheckMeta } from '../model/check.ts';
import type { Finding } from '../model/finding.ts';
import { atLeast } from '../model/severity.ts';
import type { Report } from '../report/report.ts';

/**
 * The report in kube-bench's `--json` shape (cmd/util.go, check/controls.go): one Controls entry whose
 * groups are themes and whose results are checks, with `test_number` the first CIS Benchmark id the check
 * implements (its `cis` metadata; else the check id), `status` FAIL for findings at medium or above, WARN for milder ones, else PASS,
 * and `Totals`. Lets users diff kubeward's node audit against kube-bench's.
 */
export function renderKubeBenchJson(report: Report): string {
  const findingsOf = new Map<string, Finding[]>();
  for (const finding of report.findings) {
    if (finding.suppressed) continue;
    const list = findingsOf.get(finding.checkId) ?? [];
    list.push(finding);
    findingsOf.set(finding.checkId, list);
  }
  const totals = { total_pass: 0, total_fail: 0, total_warn: 0, total_info: 0 };
  const themes = [...new Set(report.checks.map((check) => check.theme))];
  const tests = themes.map((theme) => {
    const counts = { pass: 0, fail: 0, warn: 0, info: 0 };
    const results = report.checks
      .filter((check) => check.theme === theme)
      .map((check) => {
        const result = resultOf(check, findingsOf.get(check.id) ?? []);
        counts[result.status === 'PASS' ? 'pass' : result.status === 'FAIL' ? 'fail' : 'warn']++;
        return result;
      });
    totals.total_pass += counts.pass;
    totals.total_fail += counts.fail;
    totals.total_warn += counts.warn;
    return { section: theme, type: '', desc: theme, ...counts, results };
  });
  const controls = {
    id: 'kubeward',
    version: report.tool.version,
    detected_version: '',
    text: 'kubeward control plane and node audit',
    node_type: 'master',
    tests,
    ...totals,
  };
  return jsonText({ Controls: [controls], Totals: totals });
}

function resultOf(check: CheckMeta, findings: readonly Finding[]) {
  const cis = check.cis?.[0];
  const failing = findings.some((finding) => atLeast(finding.severity, 'medium'));
  const status = findings.length === 0 ? 'PASS' : failing ? 'FAIL' : 'WARN';
  return {
    test_number: cis ?? check.id,
    test_desc: `${check.title} (${check.id})`,
    audit: '',
    AuditEnv: '',
    AuditConfig: '',
    type: '',
    remediation: check.remediation,
    test_info: findings.map((finding) => finding.message),
    status,
    actual_value: '',
    scored: true,
    IsMultiple: false,
    expected_result: '',
    reason: findings
      .map((finding) => `${finding.object.kind}/${finding.object.name}: ${finding.message}`)
      .join('; '),
  };
}
