import { eventTime, rawtime } from './event-time.ts';
import type { Extractor, FieldInfo, FieldValue } from './field-value.ts';
import { jsonGet } from './json-value.ts';

// The fields of Falco's json plugin (falcosecurity/plugins plugins/json/pkg/json/json.go) and their
// `jevt.*` aliases.

const NAMES = ['value', 'obj', 'rawtime'];

/** Every json plugin field name. */
export const JSON_FIELDS: readonly string[] = ['json', 'jevt'].flatMap((prefix) =>
  NAMES.map((n) => `${prefix}.${n}`),
);

/** The declaration of a json plugin field. */
export function jsonFieldInfo(name: string): FieldInfo | undefined {
  if (!JSON_FIELDS.includes(name)) return undefined;
  const value = name.endsWith('.value');
  return { name, list: false, arg: value ? 'key' : 'none', argRequired: value };
}

/** `json.value[/a/b]`: a JSON pointer (`~1` is `/`, `~0` is `~`); a string as is, anything else as JSON. */
function pointerValue(event: unknown, pointer: string): FieldValue {
  if (pointer.length === 0) return JSON.stringify(event);
  const keys = (pointer.startsWith('/') ? pointer.slice(1) : pointer)
    .split('/')
    .map((key) => key.replaceAll('~1', '/').replaceAll('~0', '~'));
  let value = event;
  for (const key of keys) {
    value = jsonGet(value, key);
    if (value === undefined) return undefined;
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The extractor of a json plugin field. */
export function jsonExtractor(name: string, arg: string): Extractor {
  const field = name.slice(name.indexOf('.') + 1);
  if (field === 'value') return (event) => pointerValue(event, arg);
  if (field === 'obj') return (event) => JSON.stringify(event, null, 2);
  return (event) => {
    const time = eventTime(event);
    return time && rawtime(time);
  };
}
