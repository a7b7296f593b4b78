import { escapeControls } from '../../model/terminal-text.ts';
import type { ConnectionDiff } from '../../netpol/connection-diff.ts';
import { jsonText } from '../json-text.ts';
import { markdownTable } from './markdown.ts';

/** The formats of `kubeward netpol diff -o`. */
export const DIFF_FORMATS = ['text', 'json', 'md'] as const;

/** One of {@link DIFF_FORMATS}. */
export type DiffFormat = (typeof DIFF_FORMATS)[number];

function summary(diff: ConnectionDiff): string {
  const widened = diff.changed.filter((c) => c.widened !== 'none').length;
  const changed =
    widened > 0 ? `${diff.changed.length} changed (${widened} widened)` : `${diff.changed.length} changed`;
  return `${diff.added.length} added, ${diff.removed.length} removed, ${changed}, ${diff.unchanged} unchanged`;
}

function widenedNote(widened: string): string {
  return widened === 'none' ? '' : ` (new: ${escapeControls(widened)})`;
}

function text(diff: ConnectionDiff): string {
  const pair = (source: string, destination: string): string =>
    `${escapeControls(source)} -> ${escapeControls(destination)}`;
  return [
    ...diff.added.map((c) => `+ ${pair(c.source, c.destination)}  ${escapeControls(c.ports)}`),
    ...diff.removed.map((c) => `- ${pair(c.source, c.destination)}  ${escapeControls(c.ports)}`),
    ...diff.changed.map(
      (c) =>
        `~ ${pair(c.source, c.destination)}  ${escapeControls(c.before)} -> ${escapeControls(c.after)}${widenedNote(c.widened)}`,
    ),
    summary(diff),
  ].join('\n');
}

function markdownSection(
  title: string,
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string[] {
  if (rows.length === 0) return [];
  return [`### ${title} (${rows.length})`, '', ...markdownTable(header, rows), ''];
}

function markdown(diff: ConnectionDiff): string {
  return [
    '## NetworkPolicy connections',
    '',
    `${summary(diff)}.`,
    '',
    ...markdownSection(
      'Added',
      ['source', 'destination', 'ports'],
      diff.added.map((c) => [c.source, c.destination, c.ports]),
    ),
    ...markdownSection(
      'Removed',
      ['source', 'destination', 'ports'],
      diff.removed.map((c) => [c.source, c.destination, c.ports]),
    ),
    ...markdownSection(
      'Changed',
      ['source', 'destination', 'ports before', 'ports after', 'new ports'],
      diff.changed.map((c) => [c.source, c.destination, c.before, c.after, c.widened]),
    ),
  ]
    .join('\n')
    .trimEnd();
}

/**
 * Renders the connections added (`+`), removed (`-`) and changed (`~`, ports before -> after, and
 * `(new: PORTS)` when the ports widened) between two manifest sets, then the counts; `md` as tables for a pull-request comment.
 */
export function renderConnectionDiff(diff: ConnectionDiff, format: DiffFormat): string {
  switch (format) {
    case 'text':
      return `${text(diff)}\n`;
    case 'json':
      return jsonText(diff);
    case 'md':
      return `${markdown(diff)}\n`;
  }
}
