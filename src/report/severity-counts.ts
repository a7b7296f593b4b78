import type { Finding } from '../model/finding.ts';
import { SEVERITIES } from '../model/severity.ts';
import type { Severity } from '../model/severity.ts';

/** Counts per severity. */
export type SeverityCounts = Readonly<Record<Severity, number>>;

/** How many of `findings` there are of each severity. */
export function countBySeverity(findings: readonly Finding[]): SeverityCounts {
  const counts = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>;
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}
