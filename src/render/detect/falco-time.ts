import type { Priority } from '../../detect/index.ts';
import { priorityLabel } from '../../detect/index.ts';

const ISO_NANOS = /^(\d{4}-\d{2}-\d{2}T(\d{2}:\d{2}:\d{2}))(?:\.(\d{1,9}))?Z$/;

/**
 * The prefix Falco puts before a rule's output, `%evt.time: Priority` (falcosecurity/falco
 * userspace/falco/falco_outputs.cpp, handle_event): the event's time of day with nanoseconds, here
 * in UTC (Falco prints its host's local time; in a container that is UTC).
 */
export function falcoPrefix(time: string, priority: Priority): string {
  const match = ISO_NANOS.exec(time);
  const clock = match === null ? time : `${match[2] ?? ''}.${(match[3] ?? '').padEnd(9, '0')}`;
  return `${clock}: ${priorityLabel(priority)}`;
}

/** An RFC 3339 UTC time as nanoseconds since the epoch, in decimal digits (beyond a double's precision). */
export function nanosOf(time: string): string {
  const match = ISO_NANOS.exec(time);
  if (match === null) return 'null';
  const seconds = BigInt(Date.parse(`${match[1] ?? ''}Z`) / 1000);
  return String(seconds * 1_000_000_000n + BigInt((match[3] ?? '').padEnd(9, '0')));
}
