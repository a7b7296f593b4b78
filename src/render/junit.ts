import type { Finding } from '../model/finding.ts';
import { formatDiagnostic } from '../model/diagnostic.ts';
import { escapeControls } from '../model/terminal-text.ts';
import type { Report } from '../report/report.ts';
import { locationOf, objectName, placeIn } from '../report/location.ts';
import type { JunitCase, JunitOutcome, JunitSuite } from './junit-document.ts';
import { renderJunitReport } from './junit-document.ts';

function failureOf(finding: Finding, name: string): JunitOutcome {
  const location = locationOf(finding);
  const where = location
    ? location.field === undefined
      ? `${location.file}:${placeIn(location)}`
      : `${location.file} ${placeIn(location)}`
    : name;
  return {
    kind: 'failure',
    message: finding.message,
    type: finding.severity,
    text: `${escapeControls(where)}: ${escapeControls(finding.message)}\nRemediation: ${finding.remediation}`,
  };
}

function caseOf(checkId: string, name: string, findings: readonly Finding[]): JunitCase {
  const mine = findings.filter((finding) => finding.checkId === checkId);
  const open = mine.filter((finding) => !finding.suppressed);
  const outcomes: JunitOutcome[] = open.map((finding) => failureOf(finding, name));
  const [suppressed] = mine;
  if (open.length === 0 && suppressed !== undefined)
    outcomes.push({ kind: 'skipped', message: suppressed.suppressed?.reason || 'suppressed' });
  return { name: checkId, classname: name, outcomes };
}

/**
 * `-o junit` of `scan` and `audit node`: one testsuite per object, one testcase per check that
 * applied to it: a failure per finding, `skipped` when suppressed, an empty testcase when it
 * passed. Unusable input is a testsuite `input` with one erroring testcase per error.
 */
export function renderJunit(report: Report): string {
  const byObject = new Map<string, Finding[]>();
  for (const finding of report.findings) {
    if (!finding.resource) continue;
    const key = objectName(finding);
    const list = byObject.get(key);
    if (list) list.push(finding);
    else byObject.set(key, [finding]);
  }
  const suites: JunitSuite[] = report.objects.map((scanned) => {
    const name = objectName(scanned);
    const findings = byObject.get(name)?.filter((finding) => finding.resource === scanned.resource) ?? [];
    return {
      name,
      file: scanned.resource.origin.file,
      cases: scanned.checks.map((checkId) => caseOf(checkId, name, findings)),
    };
  });
  const errors = report.diagnostics.filter((diagnostic) => diagnostic.level === 'error');
  if (errors.length > 0)
    suites.push({
      name: 'input',
      cases: errors.map((diagnostic, i) => ({
        name: `${diagnostic.file}#${i + 1}`,
        classname: 'input',
        outcomes: [{ kind: 'error', message: diagnostic.message, text: formatDiagnostic(diagnostic) }],
      })),
    });
  return renderJunitReport({ name: 'kubeward', suites });
}
