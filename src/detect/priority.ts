/** Falco's rule priorities, most severe first. */
export const PRIORITIES = [
  'EMERGENCY',
  'ALERT',
  'CRITICAL',
  'ERROR',
  'WARNING',
  'NOTICE',
  'INFORMATIONAL',
  'DEBUG',
] as const;

export type Priority = (typeof PRIORITIES)[number];

/**
 * A rule's `priority:` as Falco reads it (falcosecurity/falco userspace/engine/falco_common.cpp,
 * parse_priority): any case, and `info` for INFORMATIONAL.
 */
export function parsePriority(text: string): Priority | undefined {
  const upper = text.toUpperCase();
  if (upper === 'INFO') return 'INFORMATIONAL';
  return PRIORITIES.find((p) => p === upper);
}

/** The name Falco prints for a priority: `Warning`, `Informational`. */
export function priorityLabel(priority: Priority): string {
  return priority.charAt(0) + priority.slice(1).toLowerCase();
}

/** Whether `priority` is at least as severe as `threshold`. */
export function atLeast(priority: Priority, threshold: Priority): boolean {
  return PRIORITIES.indexOf(priority) <= PRIORITIES.indexOf(threshold);
}
