/** Output formats of `kubeward images`. */
export const IMAGES_OUTPUTS = ['table', 'json', 'yaml', 'sarif'] as const;

/** One of {@link IMAGES_OUTPUTS}. */
export type ImagesOutput = (typeof IMAGES_OUTPUTS)[number];
