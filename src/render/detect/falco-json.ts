import type { Alert } from '../../detect/index.ts';
import { priorityLabel } from '../../detect/index.ts';
import { falcoPrefix, nanosOf } from './falco-time.ts';

/**
 * One alert as one line of Falco's JSON output (`json_output: true`), as its consumers
 * (Falcosidekick and the like) read it. Falco builds it with nlohmann::json, whose objects keep their
 * keys in sorted order, so the keys come sorted here too (falcosecurity/falco
 * userspace/engine/formats.cpp, falco_formats::format_event):
 * - `output` is Falco's: the time of day of the event and the priority's name before the rule's
 *   output (`10:15:30.123456000: Warning …`);
 * - `output_fields` holds the output's fields and the prefix's `evt.time`, in nanoseconds since the
 *   epoch, written as an exact integer;
 * - `priority` is the name Falco prints (`Warning`, `Informational`);
 * - `tags` is a sorted set;
 * - `time` is RFC 3339 with nanoseconds, UTC.
 */
export function falcoJsonLine(alert: Alert, hostname: string, now: () => Date = () => new Date()): string {
  const time = alert.time === '' ? nanosTime(now()) : alert.time;
  const fields: string[] = [];
  const values: Readonly<Record<string, unknown>> = alert.outputFields;
  const names = Object.keys(values);
  if (!('evt.time' in values)) names.push('evt.time');
  names.sort(byCodeUnits);
  for (const name of names) {
    const value =
      name === 'evt.time' && !('evt.time' in values) ? nanosOf(time) : JSON.stringify(values[name]);
    fields.push(`${JSON.stringify(name)}:${value}`);
  }
  const tags = [...alert.tags].sort(byCodeUnits);
  return (
    `{"hostname":${JSON.stringify(hostname)}` +
    `,"output":${JSON.stringify(`${falcoPrefix(time, alert.priority)} ${alert.output}`)}` +
    `,"output_fields":{${fields.join(',')}}` +
    `,"priority":${JSON.stringify(priorityLabel(alert.priority))}` +
    `,"rule":${JSON.stringify(alert.rule)}` +
    `,"source":${JSON.stringify(alert.source)}` +
    `,"tags":${JSON.stringify(tags)}` +
    `,"time":${JSON.stringify(time)}}\n`
  );
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function nanosTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}.${String(date.getUTCMilliseconds()).padStart(3, '0')}000000Z`;
}
