import type { TestResult } from '../result.ts';
import { subjectLocation, subjectName, summarize } from './summary.ts';

function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')

    .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, '');
}

function testCase(result: TestResult, baseDirectory: string): string {
  const location = subjectLocation(result.subject, baseDirectory);
  const open = `    <testcase name="${escapeXml(subjectName(result.subject))}" classname="${escapeXml(result.test)}" file="${escapeXml(location)}"`;
  const text = escapeXml(result.messages.join('\n'));
  const first = escapeXml(result.messages[0] ?? result.outcome);
  switch (result.outcome) {
    case 'fail':
      return `${open}>\n      <failure message="${first}" type="fail">${text}</failure>\n    </testcase>`;
    case 'error':
      return `${open}>\n      <error message="${first}" type="error">${text}</error>\n    </testcase>`;
    case 'skip':
      return `${open}>\n      <skipped message="${first}"/>\n    </testcase>`;
    case 'warn':
    case 'audit':
      return `${open}>\n      <system-out>${escapeXml(`${result.outcome}: ${result.messages.join('\n')}`)}</system-out>\n    </testcase>`;
    case 'pass':
      return `${open}/>`;
  }
}

/**
 * JUnit XML: one `<testsuite>` per test (policy binding or module test), one `<testcase>` per
 * resource, named after the resource with the test as classname; fail → `<failure>`, error →
 * `<error>`, skip → `<skipped>`, warn/audit → passed with `<system-out>`.
 */
export function renderTestJunit(results: readonly TestResult[], baseDirectory: string): string {
  const byTest = new Map<string, TestResult[]>();
  for (const result of results) byTest.set(result.test, [...(byTest.get(result.test) ?? []), result]);
  const total = summarize(results);
  const suites = [...byTest.entries()].map(([test, cases]) => {
    const counts = summarize(cases);
    return [
      `  <testsuite name="${escapeXml(test)}" tests="${String(counts.total)}" failures="${String(counts.fail)}" errors="${String(counts.error)}" skipped="${String(counts.skip)}">`,
      ...cases.map((result) => testCase(result, baseDirectory)),
      '  </testsuite>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="kubeward test" tests="${String(total.total)}" failures="${String(total.fail)}" errors="${String(total.error)}" skipped="${String(total.skip)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
