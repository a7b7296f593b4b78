/** A field value as it appears in a message: strings as they are, anything else (from YAML) as JSON. */
export function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  return value === undefined ? 'undefined' : JSON.stringify(value);
}
