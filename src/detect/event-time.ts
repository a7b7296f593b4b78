import { jsonGet } from './json-value.ts';

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

/** An event's time in nanoseconds since the epoch, from a RFC 3339 timestamp. */
export function timestampNanos(text: string): bigint | undefined {
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const [, year, month, day, hour, minute, second, fraction, sign, offsetHours, offsetMinutes] = m;
  const ms = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
  );
  if (Number.isNaN(ms)) return undefined;
  const offset =
    sign === undefined ? 0 : (Number(offsetHours) * 60 + Number(offsetMinutes)) * (sign === '-' ? -1 : 1);
  const seconds = BigInt(ms / 1000 - offset * 60);
  return seconds * 1_000_000_000n + BigInt((fraction ?? '').padEnd(9, '0'));
}

/**
 * The time of an audit event: `stageTimestamp`, which the k8saudit plugin stamps events with
 * (falcosecurity/plugins plugins/k8saudit/pkg/k8saudit/source.go, parseSingleAuditEventJSON), else
 * `requestReceivedTimestamp`.
 */
export function eventNanos(event: unknown): bigint | undefined {
  for (const key of ['stageTimestamp', 'requestReceivedTimestamp']) {
    const value = jsonGet(event, key);
    if (typeof value === 'string') {
      const nanos = timestampNanos(value);
      if (nanos !== undefined) return nanos;
    }
  }
  return undefined;
}

/** Nanoseconds as Falco prints an alert's time: `2026-01-02T03:04:05.123456789Z` (formats.cpp). */
export function isoNanos(nanos: bigint): string {
  const seconds = nanos / 1_000_000_000n;
  const rest = nanos % 1_000_000_000n;
  const date = new Date(Number(seconds) * 1000).toISOString().slice(0, 19);
  return `${date}.${rest.toString().padStart(9, '0')}Z`;
}
