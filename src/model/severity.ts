/** How bad a finding is, from worst to mildest. `info` never fails a run on its own. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;

/** One of {@link SEVERITIES}. */
export type Severity = (typeof SEVERITIES)[number];

/** Numeric rank for comparisons: critical = 4 … info = 0. */
const RANK = Object.fromEntries(
  SEVERITIES.map((severity, i) => [severity, SEVERITIES.length - 1 - i]),
) as Readonly<Record<Severity, number>>;

function severityRank(severity: Severity): number {
  return RANK[severity];
}

/** True when `severity` is at or above `threshold`. */
export function atLeast(severity: Severity, threshold: Severity): boolean {
  return severityRank(severity) >= severityRank(threshold);
}

/** Type guard for user-supplied severity names. */
export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}
