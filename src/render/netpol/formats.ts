/** The formats of `kubeward netpol matrix -o`. */
export const MATRIX_FORMATS = ['table', 'csv', 'md', 'json', 'dot'] as const;

/** One of {@link MATRIX_FORMATS}. */
export type MatrixFormat = (typeof MATRIX_FORMATS)[number];
