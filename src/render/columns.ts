import { escapeControls } from '../model/terminal-text.ts';
import { displayWidth, wrapLine } from './wrap.ts';

/** How {@link layoutRows} lays a table out. */
export interface ColumnLayout {
  /** Spaces between columns: 3 as kubectl prints them (the default). */
  readonly gap?: number | undefined;
  /** Widest line, in display columns; unlimited (the default) never wraps. See {@link terminalWidth}. */
  readonly width?: number | undefined;
  /** Columns whose cells may wrap; by default the last one only. */
  readonly wrap?: readonly number[] | undefined;
}

/** A wrapped column keeps at least this many display columns (or its widest cell, when narrower). */
const MIN_WRAP_WIDTH = 10;

/**
 * The width tables wrap to: the terminal's columns when output goes to a terminal; unlimited (one
 * line per row, as kubectl prints) when it is piped, redirected or written to a file (no stream).
 */
export function terminalWidth(
  stream: { readonly isTTY?: boolean; readonly columns?: number } | undefined,
): number {
  return stream?.isTTY === true && stream.columns !== undefined && stream.columns > 0
    ? stream.columns
    : Number.POSITIVE_INFINITY;
}

/**
 * A cell as laid out: its text when that is one line of printable ASCII (shown as it is, as wide as
 * it is long: most cells), else its lines, each made safe to print (see {@link safeLine}).
 */
type Cell = string | readonly string[];

/** Text every character of which is printable ASCII: no control character, no line break, no wide character. */
const PLAIN = /^[\x20-\x7e]*$/;

function cellOf(text: string): Cell {
  return PLAIN.test(text) ? text : text.split('\n').map(safeLine);
}

const linesOf = (cell: Cell): readonly string[] => (typeof cell === 'string' ? [cell] : cell);

function cellWidth(cell: Cell): number {
  if (typeof cell === 'string') return cell.length;
  let widest = 0;
  for (const line of cell) widest = Math.max(widest, displayWidth(line));
  return widest;
}

/** Display columns a cell takes in a table: its widest line (see {@link layoutRows}). */
export function cellWidthOf(text: string): number {
  return PLAIN.test(text) ? text.length : cellWidth(cellOf(text));
}

/** Columns' widest cells; the last column's only when `measureLast` (nothing pads it). */
function naturalWidths(rows: readonly (readonly string[])[], measureLast: boolean): number[] {
  const widths: number[] = [];
  for (const row of rows) {
    const measured = measureLast ? row.length : row.length - 1;
    for (let column = 0; column < row.length; column++) {
      const width = column < measured ? cellWidthOf(row[column] ?? '') : 0;
      if (width > (widths[column] ?? 0)) widths[column] = width;
      else widths[column] ??= 0;
    }
  }
  return widths;
}

/** Shares what the fixed columns leave among the wrapping ones, narrowest first (water-filling). */
interface Settled {
  readonly gap: number;
  readonly width: number;
  readonly wrap: readonly number[];
}

function fitWidths(natural: readonly number[], layout: Settled): number[] {
  const gaps = layout.gap * Math.max(0, natural.length - 1);
  let total = gaps;
  for (const width of natural) total += width;
  if (total <= layout.width) return [...natural];
  const wrapping = layout.wrap
    .filter((column) => column < natural.length)
    .sort((a, b) => (natural[a] ?? 0) - (natural[b] ?? 0));
  let room = layout.width - gaps;
  natural.forEach((width, column) => {
    if (!wrapping.includes(column)) room -= width;
  });
  const widths = [...natural];
  wrapping.forEach((column, index) => {
    const share = Math.floor(room / (wrapping.length - index));
    const natural = widths[column] ?? 0;
    const width = Math.min(natural, Math.max(share, Math.min(natural, MIN_WRAP_WIDTH)));
    widths[column] = width;
    room -= width;
  });
  return widths;
}

/** A colour code, kept whole; the renderer's own (values are escaped before they are coloured). */
const SGR = /(\x1b\[[0-9;]*m)/;

/** One line of a cell with every control character but its colour codes made visible. */
function safeLine(line: string): string {
  if (!line.includes('\x1b')) return escapeControls(line);
  return line
    .split(SGR)
    .map((part, index) => (index % 2 === 1 ? part : escapeControls(part)))
    .join('');
}

/**
 * Lays rows out in columns as kubectl does: left-aligned, separated by `gap` spaces, no borders,
 * trailing spaces trimmed. Widths are display widths (wide characters count 2, colour codes 0).
 * A cell may hold several lines (`\n`); cells of wrapping columns are wrapped at spaces to fit
 * `width`, and every continuation line stays in its own column. Returns each row's lines. As a last
 * guard, control characters left in a cell other than its line breaks and colour codes are escaped
 * (see escapeControls); values from input are to be escaped before they are coloured or joined.
 */
export function layoutRows(rows: readonly (readonly string[])[], layout: ColumnLayout = {}): string[][] {
  return rows.map(columnLayout(rows, layout));
}

/**
 * The columns of a table settled from all its rows, as {@link layoutRows} lays them out: how one of
 * those rows is laid out (its lines), for a table made a row at a time as it is written.
 */
export function columnLayout(
  rows: readonly (readonly string[])[],
  layout: ColumnLayout = {},
): (row: readonly string[]) => string[] {
  const width = layout.width ?? Number.POSITIVE_INFINITY;
  return measuredLayout(naturalWidths(rows, width !== Number.POSITIVE_INFINITY), layout);
}

/**
 * {@link columnLayout} from the natural widths of the table's columns, measured as its rows were
 * made (each column's widest cell, see {@link cellWidthOf}; the last column's only when
 * `layout.width` is finite, else 0), for a table whose rows are not kept until it is laid out.
 */
export function measuredLayout(
  natural: readonly number[],
  layout: ColumnLayout = {},
): (row: readonly string[]) => string[] {
  const width = layout.width ?? Number.POSITIVE_INFINITY;
  const settled: Settled = { gap: layout.gap ?? 3, width, wrap: layout.wrap ?? [natural.length - 1] };
  const widths = fitWidths(natural, settled);
  const wraps = widths.some((width, column) => width < (natural[column] ?? 0));
  const separator = ' '.repeat(settled.gap);
  // The spaces that pad a plain cell and part it from the next, made once per count.
  const made: string[] = [];
  const spaces = (count: number): string => (made[count] ??= ' '.repeat(count));
  return (row) => {
    const plain = wraps || row.length === 0 ? undefined : plainLine(row, widths, settled.gap, spaces);
    if (plain !== undefined) return [plain];
    const cells = row.map(cellOf);
    const wrapped = cells.map((cell, column) => {
      const lines = linesOf(cell);
      const width = widths[column] ?? 0;
      return wraps && width < (natural[column] ?? 0) ? lines.flatMap((line) => wrapLine(line, width)) : lines;
    });
    let height = 0;
    for (const lines of wrapped) if (lines.length > height) height = lines.length;
    const last = wrapped.length - 1;
    const out: string[] = [];
    for (let index = 0; index < height; index++) {
      let line = '';
      for (let column = 0; column < last; column++) {
        const text = wrapped[column]?.[index] ?? '';
        line += text + ' '.repeat((widths[column] ?? 0) - displayWidth(text)) + separator;
      }
      if (last >= 0) line += wrapped[last]?.[index] ?? '';
      out.push(line.trimEnd());
    }
    return out;
  };
}

/**
 * The one line of a row that needs no wrapping, when its cells are plain (see {@link Cell});
 * undefined when one is not. A line whose last character is printable and no space has nothing
 * to trim: it is not searched for trailing spaces (which would copy it whole).
 */
function plainLine(
  row: readonly string[],
  widths: readonly number[],
  gap: number,
  spaces: (count: number) => string,
): string | undefined {
  const last = row.length - 1;
  let line = '';
  for (let column = 0; column < last; column++) {
    const text = row[column] ?? '';
    if (!PLAIN.test(text)) return undefined;
    line += text + spaces((widths[column] ?? 0) - text.length + gap);
  }
  const text = row[last] ?? '';
  if (!PLAIN.test(text)) return undefined;
  const end = text.charCodeAt(text.length - 1);
  return end > 0x20 && end < 0x7f ? line + text : (line + text).trimEnd();
}

/** {@link layoutRows} as text: one line per table line, each ending in a newline. */
export function renderColumns(rows: readonly (readonly string[])[], layout: ColumnLayout = {}): string {
  let text = '';
  for (const lines of layoutRows(rows, layout)) for (const line of lines) text += `${line}\n`;
  return text;
}
