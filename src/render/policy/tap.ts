import { escapeControls } from '../../model/terminal-text.ts';
import type { TestResult } from '../../policy/result.ts';
import { subjectLocation, subjectName, summarize, summaryLine } from './summary.ts';

const yamlString = (text: string): string => JSON.stringify(escapeControls(text));

/**
 * TAP version 13: one test point per result. `fail` and `error` are `not ok` with a YAML block
 * (outcome, location, messages); `skip` is `ok … # SKIP reason`; warn/audit are `ok` with the
 * messages as a YAML block. The summary ends the stream as a comment.
 */
export function renderTestTap(results: readonly TestResult[], baseDirectory: string): string {
  const lines = ['TAP version 13', `1..${String(results.length)}`];
  results.forEach((result, index) => {
    const failed = result.outcome === 'fail' || result.outcome === 'error';
    const description = escapeControls(`${result.test} ${subjectName(result.subject)}`).replaceAll(
      '#',
      '\\#',
    );
    const skip = result.outcome === 'skip' ? ` # SKIP ${escapeControls(result.messages.join('; '))}` : '';
    lines.push(`${failed ? 'not ok' : 'ok'} ${String(index + 1)} - ${description}${skip}`);
    if (result.outcome === 'pass' || result.outcome === 'skip') return;
    lines.push(
      '  ---',
      `  outcome: ${result.outcome}`,
      `  at: ${yamlString(subjectLocation(result.subject, baseDirectory))}`,
      '  messages:',
    );
    for (const message of result.messages) lines.push(`    - ${yamlString(message)}`);
    lines.push('  ...');
  });
  lines.push(`# ${summaryLine(summarize(results))}`);
  return `${lines.join('\n')}\n`;
}
