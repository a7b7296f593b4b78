/** Output formats of `kubeward score`. */
export const SCORE_OUTPUTS = ['json', 'table', 'sarif'] as const;

/** One of {@link SCORE_OUTPUTS}. */
export type ScoreOutput = (typeof SCORE_OUTPUTS)[number];
