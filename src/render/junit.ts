import type { Finding } from '../model/finding.ts';
import { formatDiagnostic } from '../model/diagnostic.ts';
import type { Report } from '../report/report.ts';
import { locationOf, objectName } from '../report/location.ts';
import { xmlEscape as x } from './xml.ts';

/**
 * `-o junit`: the Surefire shape CI servers read. One testsuite per object, one testcase per check
 * that applied to it: a failure per finding, `skipped` when suppressed, an empty testcase when it
 * passed. Unusable input is a testsuite `input` with one failing testcase per error.
 */
export function renderJunit(report: Report): string {
  const byObject = new Map<string, Finding[]>();
  for (const finding of report.findings) {
    if (!finding.resource) continue;
    const key = objectName(finding);
    byObject.set(key, [...(byObject.get(key) ?? []), finding]);
  }
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  for (const scanned of report.objects) {
    const name = objectName(scanned);
    const findings = byObject.get(name)?.filter((finding) => finding.resource === scanned.resource) ?? [];
    const cases: string[] = [];
    let suiteFailures = 0;
    let skipped = 0;
    for (const checkId of scanned.checks) {
      const mine = findings.filter((finding) => finding.checkId === checkId);
      const open = mine.filter((finding) => !finding.suppressed);
      const body = open.map((finding) => {
        const location = locationOf(finding);
        const where = location ? `${location.file}:${location.line}:${location.column}` : name;
        return `      <failure message="${x(finding.message)}" type="${finding.severity}">${x(`${where}: ${finding.message}\nRemediation: ${finding.remediation}`)}</failure>`;
      });
      if (open.length === 0 && mine.length > 0) {
        body.push(`      <skipped message="${x(mine[0]?.suppressed?.reason || 'suppressed')}"/>`);
        skipped++;
      }
      if (open.length > 0) suiteFailures++;
      cases.push(
        body.length === 0
          ? `    <testcase name="${x(checkId)}" classname="${x(name)}"/>`
          : `    <testcase name="${x(checkId)}" classname="${x(name)}">\n${body.join('\n')}\n    </testcase>`,
      );
    }
    tests += cases.length;
    failures += suiteFailures;
    suites.push(
      `  <testsuite name="${x(name)}" tests="${cases.length}" failures="${suiteFailures}" errors="0" skipped="${skipped}" file="${x(scanned.resource.origin.file)}">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  const errors = report.diagnostics.filter((diagnostic) => diagnostic.level === 'error');
  if (errors.length > 0) {
    const cases = errors.map(
      (diagnostic, i) =>
        `    <testcase name="${x(`${diagnostic.file}#${i + 1}`)}" classname="input">\n      <error message="${x(diagnostic.message)}">${x(formatDiagnostic(diagnostic))}</error>\n    </testcase>`,
    );
    suites.push(
      `  <testsuite name="input" tests="${errors.length}" failures="0" errors="${errors.length}" skipped="0">\n${cases.join('\n')}\n  </testsuite>`,
    );
    tests += errors.length;
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="kubeward" tests="${tests}" failures="${failures}" errors="${errors.length}">\n${suites.join('\n')}\n</testsuites>\n`;
}
