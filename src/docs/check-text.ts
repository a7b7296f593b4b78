import type { Check } from '../model/check.ts';
import { targetText, themeTitle } from './check-page.ts';

/** Wraps prose at `width` columns, keeping words whole. */
function wrap(text: string, width: number, indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(indent + line);
  return lines;
}

/** `kubeward checks explain <id>` as plain text for a terminal, kubectl-explain style. */
export function renderCheckText(check: Check): string {
  return [
    `ID:         ${check.id}`,
    `TITLE:      ${check.title}`,
    `SEVERITY:   ${check.severity}`,
    `THEME:      ${check.theme} (${themeTitle(check.theme)})`,
    `APPLIES TO: ${targetText(check)}`,
    '',
    'DESCRIPTION:',
    ...wrap(check.description, 96, '  '),
    '',
    'REMEDIATION:',
    ...wrap(check.remediation, 96, '  '),
    '',
    'REFERENCES:',
    ...check.references.map((reference) => `  - ${reference}`),
    '',
    `DOCS:       docs/checks/${check.id}.md`,
    '',
  ].join('\n');
}
