import { escapeControls } from '../../model/terminal-text.ts';

/**
 * A value as one GitHub-flavoured markdown table cell: a code span, with `|` escaped (a table
 * splits on it even inside code) and backticks, which would end the span, replaced.
 */
export function markdownCell(value: string): string {
  return `\`${escapeControls(value).replaceAll('|', '\\|').replaceAll('`', "'")}\``;
}

/** The lines of a markdown table: the header, its delimiter row, then one line per row. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---|').join('')}`,
    ...rows.map((row) => `| ${row.map(markdownCell).join(' | ')} |`),
  ];
}
