import type { Finding } from '../model/finding.ts';
import { formatDiagnostic } from '../model/diagnostic.ts';
import { escapeControls } from '../model/terminal-text.ts';
import type { Report } from '../report/report.ts';
import { locationOf, objectName, placeIn } from '../report/location.ts';
import type { JunitCase, JunitOutcome, JunitSuite } from './junit-document.ts';
import { junitReportChunks } from './junit-document.ts';
import { StreamedList } from './streamed.ts';

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
 * passed. Unusable input is a testsuite `input` with one erroring testcase per error. In chunks of
 * bounded size, each suite made as it is written.
 */
export function renderJunitChunks(report: Report): Iterable<string> {
  const byObject = new Map<string, Finding[]>();
  for (const finding of report.findings) {
    if (!finding.resource) continue;
    const key = objectName(finding);
    const list = byObject.get(key);
    if (list) list.push(finding);
    else byObject.set(key, [finding]);
  }
  const errors = report.diagnostics.filter((diagnostic) => diagnostic.level === 'error');
  const suites = new StreamedList(function* (): Generator<JunitSuite> {
    for (const scanned of report.objects) {
      const name = objectName(scanned);
      const findings = byObject.get(name)?.filter((finding) => finding.resource === scanned.resource) ?? [];
      yield {
        name,
        file: scanned.resource.origin.file,
        cases: scanned.checks.map((checkId) => caseOf(checkId, name, findings)),
      };
    }
    if (errors.length > 0)
      yield {
        name: 'input',
        cases: errors.map((diagnostic, i) => ({
          name: `${diagnostic.file}#${i + 1}`,
          classname: 'input',
          outcomes: [{ kind: 'error', message: diagnostic.message, text: formatDiagnostic(diagnostic) }],
        })),
      };
  });
  return junitReportChunks({ name: 'kubeward', suites });
}

/** `-o junit` as one string, for reports small enough to hold whole. */
export function renderJunit(report: Report): string {
  return [...renderJunitChunks(report)].join('');
}
