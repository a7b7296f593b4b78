import { jsonText } from '../json-text.ts';
import { escapeControls } from '../../model/terminal-text.ts';
import type { ConnectionList } from '../../netpol/connections.ts';
import { renderColumns } from '../columns.ts';
import type { DrawingFormat, MatrixFormat } from './formats.ts';
import { markdownTable } from './markdown.ts';

function csvField(value: string): string {
  const text = escapeControls(value);
  return /[",]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function table(list: ConnectionList, width: number): string {
  return renderColumns(
    [
      ['SOURCE', 'DESTINATION', 'PORTS'],
      ...list.connections.map((c) => [c.source, c.destination, c.ports].map((cell) => escapeControls(cell))),
    ],
    { width },
  );
}

/**
 * Renders the allowed connections as text: a table (wrapped to `width`, see terminalWidth), CSV, a
 * markdown table (cells as code) or JSON. The drawings (dot, svg) are renderMatrixDrawing's.
 */
export function renderConnections(
  list: ConnectionList,
  format: Exclude<MatrixFormat, DrawingFormat>,
  width = Number.POSITIVE_INFINITY,
): string {
  switch (format) {
    case 'table':
      return table(list, width);
    case 'csv':
      return (
        [
          'source,destination,ports',
          ...list.connections.map((c) => [c.source, c.destination, c.ports].map(csvField).join(',')),
        ].join('\n') + '\n'
      );
    case 'md':
      return `${markdownTable(
        ['source', 'destination', 'ports'],
        list.connections.map((c) => [c.source, c.destination, c.ports]),
      ).join('\n')}\n`;
    case 'json':
      return jsonText(list);
  }
}
