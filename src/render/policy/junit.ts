import { escapeControls } from '../../model/terminal-text.ts';
import type { TestResult } from '../../policy/result.ts';
import type { JunitCase, JunitOutcome } from '../junit-document.ts';
import { renderJunitReport } from '../junit-document.ts';
import { subjectLocation, subjectName } from './summary.ts';

/** One message a line, each escaped, so that only these line breaks remain. */
function messageLines(messages: readonly string[]): string {
  return messages.map((message) => escapeControls(message)).join('\n');
}

function outcomesOf(result: TestResult, location: string): JunitOutcome[] {
  const message = result.messages[0] ?? result.outcome;
  const text = `${escapeControls(location)}: ${messageLines(result.messages)}`;
  switch (result.outcome) {
    case 'fail':
      return [{ kind: 'failure', message, type: 'fail', text }];
    case 'error':
      return [{ kind: 'error', message, type: 'error', text }];
    case 'skip':
      return [{ kind: 'skipped', message }];
    default:
      return [];
  }
}

function caseOf(result: TestResult, baseDirectory: string): JunitCase {
  const location = subjectLocation(result.subject, baseDirectory);
  const warned = result.outcome === 'warn' || result.outcome === 'audit';
  return {
    name: subjectName(result.subject),
    classname: result.test,
    outcomes: outcomesOf(result, location),
    ...(warned
      ? { output: `${escapeControls(location)}: ${result.outcome}: ${messageLines(result.messages)}` }
      : {}),
  };
}

/**
 * JUnit XML: one `<testsuite>` per test (policy binding or module test), one `<testcase>` per
 * resource, named after the resource with the test as classname; fail → `<failure>`, error →
 * `<error>`, skip → `<skipped>`, warn/audit → passed with `<system-out>`. The resource's
 * file:line starts the text of each of them (the Jenkins schema has no `file` on a testcase).
 */
export function renderTestJunit(results: readonly TestResult[], baseDirectory: string): string {
  const byTest = new Map<string, TestResult[]>();
  for (const result of results) {
    const list = byTest.get(result.test);
    if (list) list.push(result);
    else byTest.set(result.test, [result]);
  }
  return renderJunitReport({
    name: 'kubeward test',
    suites: [...byTest.entries()].map(([test, cases]) => ({
      name: test,
      cases: cases.map((result) => caseOf(result, baseDirectory)),
    })),
  });
}
