/** A 1-based source range: where a field's key (or list item) starts and where its value ends. */
export interface Position {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /**
   * What the range stands for when the file alone would mislead: the object was rendered by a tool
   * (`patched by overlays/prod`, `line in the helm template output <stdin>`). Absent for plain files.
   */
  readonly note?: string;
}
