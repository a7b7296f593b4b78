import { jsonGet } from './json-value.ts';

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

/** An event's time: whole seconds since the epoch and the nanoseconds after them (9 digits). */
export interface EventTime {
  readonly seconds: number;
  readonly nanos: string;
}

const UTC_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;
const FRACTION = /^\d{1,9}$/;
const dayStarts = new Map<string, number>();

/** Seconds at the start of a `YYYY-MM-DD` day; NaN when the date does not exist (2026-02-30). */
function dayStart(day: string): number {
  const ms = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
  return !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(day) ? ms / 1000 : NaN;
}

/** The common form `2026-01-02T03:04:05.123456Z`, with the day's start kept per date. */
function parseUtc(text: string): EventTime | undefined {
  const dot = text.length > 21 && text.charCodeAt(19) === 46;
  if (!(dot || text.length === 20) || text.charCodeAt(text.length - 1) !== 90) return undefined;
  const head = text.slice(0, 19);
  const fraction = dot ? text.slice(20, -1) : '';
  if (!UTC_SECONDS.test(head) || (dot && !FRACTION.test(fraction))) return undefined;
  const day = head.slice(0, 10);
  let start = dayStarts.get(day);
  if (start === undefined) {
    start = dayStart(day);
    if (dayStarts.size > 1024) dayStarts.clear();
    dayStarts.set(day, start);
  }
  const hours = Number(head.slice(11, 13));
  const minutes = Number(head.slice(14, 16));
  const seconds = Number(head.slice(17, 19));
  if (hours > 23 || minutes > 59 || seconds > 59 || Number.isNaN(start)) return undefined;
  return { seconds: start + hours * 3600 + minutes * 60 + seconds, nanos: fraction.padEnd(9, '0') };
}

/** Reads a RFC 3339 timestamp (with up to 9 fraction digits and any offset). */
export function parseTimestamp(text: string): EventTime | undefined {
  const utc = parseUtc(text);
  if (utc) return utc;
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const [, year, month, day, hour, minute, second, fraction, sign, offsetHours, offsetMinutes] = m;
  const start = dayStart(`${year}-${month}-${day}`);
  if (Number.isNaN(start) || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59)
    return undefined;
  const ms = (start + Number(hour) * 3600 + Number(minute) * 60 + Number(second)) * 1000;
  const offset =
    sign === undefined ? 0 : (Number(offsetHours) * 60 + Number(offsetMinutes)) * (sign === '-' ? -1 : 1);
  return { seconds: ms / 1000 - offset * 60, nanos: (fraction ?? '').padEnd(9, '0') };
}

/** Nanoseconds since the epoch in decimal, as `jevt.rawtime` prints them. */
export function rawtime(time: EventTime): string {
  if (time.seconds > 0) return `${time.seconds}${time.nanos}`;
  return (BigInt(time.seconds) * 1_000_000_000n + BigInt(time.nanos)).toString();
}

/**
 * The time of an audit event: `stageTimestamp`, which the k8saudit plugin stamps events with
 * (falcosecurity/plugins plugins/k8saudit/pkg/k8saudit/source.go, parseSingleAuditEventJSON), else
 * `requestReceivedTimestamp`.
 */
export function eventTime(event: unknown): EventTime | undefined {
  for (const key of ['stageTimestamp', 'requestReceivedTimestamp']) {
    const value = jsonGet(event, key);
    if (typeof value === 'string') {
      const time = parseTimestamp(value);
      if (time !== undefined) return time;
    }
  }
  return undefined;
}

/** A time as Falco prints an alert's: `2026-01-02T03:04:05.123456789Z`, UTC (falco userspace/engine/formats.cpp). */
export function isoTime(time: EventTime): string {
  return `${new Date(time.seconds * 1000).toISOString().slice(0, 19)}.${time.nanos}Z`;
}
