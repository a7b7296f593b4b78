import { escapeControls } from '../../model/terminal-text.ts';

/** What a detect run has counted so far. */
export interface DetectStats {
  /** Audit events read (or received). */
  readonly events: number;
  /** Events that at least one rule matched. */
  readonly matched: number;
  /** Alerts raised, and how many of them were at or above `--min-priority` (printed). */
  readonly alerts: number;
  readonly shown: number;
  /** Lines, documents or list items that held no usable event. */
  readonly dropped: number;
  /** Batches answered 429 (serve only; the API server sends them again). */
  readonly refused?: number;
  /** Alerts per rule. */
  readonly byRule: ReadonlyMap<string, number>;
}

/**
 * The stats block written to stderr at the end of a run (and on SIGUSR1, `running`): the totals on
 * one line, then each rule that raised alerts, most first.
 */
export function renderStats(stats: DetectStats, running = false): string {
  const parts = [
    `${String(stats.events)} events read`,
    `${String(stats.matched)} matched`,
    `${String(stats.alerts)} alerts (${String(stats.shown)} shown)`,
    `${String(stats.dropped)} dropped`,
  ];
  if (stats.refused !== undefined) parts.push(`${String(stats.refused)} batches refused (429)`);
  const lines = [`detect${running ? ' (running)' : ''}: ${parts.join(', ')}`];
  const rules = [...stats.byRule].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0));
  const width = String(rules[0]?.[1] ?? 0).length;
  for (const [rule, count] of rules)
    lines.push(`  ${String(count).padStart(width)}  ${escapeControls(rule)}`);
  return `${lines.join('\n')}\n`;
}
