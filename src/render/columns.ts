/**
 * Lays rows out in kubectl's style: left-aligned columns separated by three spaces, no borders.
 * `width` measures visible characters, so cells may carry colour codes.
 */
export function columns(rows: readonly (readonly string[])[], width: (cell: string) => number): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, width(cell))));
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - width(cell) + 3)))
      .join('')
      .trimEnd(),
  );
}
