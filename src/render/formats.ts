/** The `-o` formats of `kubeward scan`, for help text and validation (render/index.ts renders each). */
export const OUTPUT_FORMATS = ['table', 'json', 'yaml', 'sarif', 'junit', 'html'] as const;

/** A `-o` value. */
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
