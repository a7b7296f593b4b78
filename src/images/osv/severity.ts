import type { Severity } from '../../model/severity.ts';
import { cvss3BaseScore, cvss4BaseScore, cvssRating } from '../cvss.ts';
import type { OsvAffected, OsvRecord, OsvSeverity } from './record.ts';

/** How bad a vulnerability is, and what says so. */
export interface VulnerabilitySeverity {
  readonly severity: Severity;
  /** The CVSS base score, when a vector gave it. */
  readonly score?: number | undefined;
  /** The vector scored, or the database's own word. */
  readonly source: string;
}

/** Words databases put in `database_specific.severity` (GitHub: MODERATE; Alpine, Debian: their own). */
const WORDS: Readonly<Record<string, Severity>> = {
  critical: 'critical',
  high: 'high',
  important: 'high',
  moderate: 'medium',
  medium: 'medium',
  low: 'low',
  negligible: 'info',
  unimportant: 'info',
  none: 'info',
};

function fromVector(entry: OsvSeverity): VulnerabilitySeverity | undefined {
  const score =
    entry.type === 'CVSS_V3'
      ? cvss3BaseScore(entry.score)
      : entry.type === 'CVSS_V4'
        ? cvss4BaseScore(entry.score)
        : undefined;
  if (score === undefined) return undefined;
  const rating = cvssRating(score);
  return { severity: rating === 'none' ? 'info' : rating, score, source: entry.score };
}

function fromWord(value: unknown): VulnerabilitySeverity | undefined {
  if (typeof value !== 'string') return undefined;
  const severity = WORDS[value.trim().toLowerCase()];
  return severity === undefined ? undefined : { severity, source: `database_specific.severity ${value}` };
}

/**
 * The severity of a record for one of its packages: the package's own CVSS vector, else the
 * record's (CVSS 4.0 before 3.x), else `database_specific.severity` of the package or the record.
 * A vector that cannot be scored is reported through `problems` and passed over.
 */
export function vulnerabilitySeverity(
  record: OsvRecord,
  affected: OsvAffected,
  problems: string[],
): VulnerabilitySeverity | undefined {
  for (const list of [affected.severity ?? [], record.severity ?? []]) {
    const ordered = [
      ...list.filter((entry) => entry.type === 'CVSS_V4'),
      ...list.filter((entry) => entry.type === 'CVSS_V3'),
    ];
    for (const entry of ordered) {
      try {
        const found = fromVector(entry);
        if (found) return found;
      } catch (error) {
        problems.push(error instanceof Error ? error.message : String(error));
      }
    }
  }
  return fromWord(affected.database_specific?.severity) ?? fromWord(record.database_specific?.severity);
}
