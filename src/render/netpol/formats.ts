/** The formats of `kubeward netpol matrix -o`. */
export const MATRIX_FORMATS = ['table', 'csv', 'md', 'json', 'dot', 'svg'] as const;

/** One of {@link MATRIX_FORMATS}. */
export type MatrixFormat = (typeof MATRIX_FORMATS)[number];

/** The formats drawn as a graph (see renderMatrixDrawing); the others are text of the list. */
export type DrawingFormat = Extract<MatrixFormat, 'dot' | 'svg'>;

/** Whether a format is drawn as a graph. */
export function isDrawingFormat(format: MatrixFormat): format is DrawingFormat {
  return format === 'dot' || format === 'svg';
}
