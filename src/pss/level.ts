/** The three Pod Security Standards levels, from least to most strict. */
export const PSS_LEVELS = ['privileged', 'baseline', 'restricted'] as const;

/** One of {@link PSS_LEVELS}. */
export type PssLevel = (typeof PSS_LEVELS)[number];

/** Type guard for level names as written in labels and settings (exact, case-sensitive). */
export function isPssLevel(value: unknown): value is PssLevel {
  return typeof value === 'string' && (PSS_LEVELS as readonly string[]).includes(value);
}

/**
 * Compares two levels by strictness, as PSA's `CompareLevels`: negative when `a` is less strict than
 * `b`, 0 when equal, positive when stricter.
 */
export function compareLevels(a: PssLevel, b: PssLevel): number {
  return PSS_LEVELS.indexOf(a) - PSS_LEVELS.indexOf(b);
}
