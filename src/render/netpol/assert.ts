import { escapeControls } from '../../model/terminal-text.ts';
import type { AssertionResult } from '../../netpol/assert.ts';
import { renderJunitReport } from '../junit-document.ts';
import type { JunitOutcome } from '../junit-document.ts';

/** TAP 14, as netassert prints it: `ok N - name`, failures with a YAML `reason`, skips as `# SKIP`. */
export function renderAssertTap(results: readonly AssertionResult[]): string {
  const lines = ['TAP version 14', `1..${results.length}`];
  results.forEach((result, index) => {
    const number = index + 1;
    const name = escapeControls(result.assertion.name);
    if (result.status === 'skip')
      lines.push(`ok ${number} - ${name} # SKIP ${escapeControls(result.reason)}`);
    else if (result.status === 'pass') lines.push(`ok ${number} - ${name}`);
    else
      lines.push(
        `not ok ${number} - ${name}`,
        '  ---',
        `  reason: ${JSON.stringify(escapeControls(result.reason))}`,
        '  ...',
      );
  });
  return lines.join('\n') + '\n';
}

function outcomesOf(result: AssertionResult): JunitOutcome[] {
  if (result.status === 'pass') return [];
  return [{ kind: result.status === 'skip' ? 'skipped' : 'failure', message: result.reason }];
}

/** JUnit XML: one testsuite `netassert`, one testcase per assertion. */
export function renderAssertJunit(results: readonly AssertionResult[]): string {
  return renderJunitReport({
    name: 'kubeward netpol assert',
    suites: [
      {
        name: 'netassert',
        cases: results.map((result) => ({
          name: result.assertion.name,
          classname: 'netassert',
          outcomes: outcomesOf(result),
        })),
      },
    ],
  });
}
