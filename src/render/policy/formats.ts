/** Output formats of `kubeward test`. */
export const TEST_OUTPUT_FORMATS = ['table', 'tap', 'junit', 'json'] as const;

/** One of TEST_OUTPUT_FORMATS. */
export type TestOutputFormat = (typeof TEST_OUTPUT_FORMATS)[number];
