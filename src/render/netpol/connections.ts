import { jsonText } from '../json-text.ts';
import { escapeControls } from '../../model/terminal-text.ts';
import type { ConnectionList } from '../../netpol/connections.ts';
import { renderColumns } from '../columns.ts';
import type { MatrixFormat } from './formats.ts';

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
 * Renders the allowed connections. `dot` draws workloads as boxes and address ranges as ellipses,
 * one edge per connection labelled with its ports. The table wraps to `width` (see terminalWidth).
 */
export function renderConnections(
  list: ConnectionList,
  format: MatrixFormat,
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
      return (
        [
          '| source | destination | ports |',
          '|---|---|---|',
          ...list.connections.map(
            (c) =>
              `| ${[c.source, c.destination, c.ports].map((cell) => escapeControls(cell)).join(' | ')} |`,
          ),
        ].join('\n') + '\n'
      );
    case 'json':
      return jsonText(list);
    case 'dot': {
      const quote = (value: string): string => JSON.stringify(value);
      const lines = ['digraph netpol {', '  rankdir=LR;'];
      for (const workload of list.workloads) lines.push(`  ${quote(workload)} [shape=box];`);
      const used = new Set(list.connections.flatMap((c) => [c.source, c.destination]));
      for (const range of list.external)
        if (used.has(range)) lines.push(`  ${quote(range)} [shape=ellipse];`);
      for (const c of list.connections)
        lines.push(`  ${quote(c.source)} -> ${quote(c.destination)} [label=${quote(c.ports)}];`);
      lines.push('}');
      return lines.join('\n') + '\n';
    }
  }
}
