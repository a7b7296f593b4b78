/** A 1-based source range: where a field's key (or list item) starts and where its value ends. */
export interface Position {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}
