/** A JSON string token, optionally followed by the colon that makes it an object key. */
const STRING_TOKEN = /"(?:[^"\\]|\\.)*"(\s*:)?/g;

/**
 * Whether JSON text that parsed to `value` may repeat a key in some object: true when the text has
 * more keys than the value's objects hold (`JSON.parse` keeps the last of a repeated key). Linear in
 * the text; a caller that gets true looks for the repeated key with a real tokenizer.
 */
export function jsonMayRepeatKeys(text: string, value: unknown): boolean {
  let written = 0;
  for (const match of text.matchAll(STRING_TOKEN)) if (match[1] !== undefined) written++;
  return written !== keysHeld(value);
}

function keysHeld(value: unknown): number {
  let count = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (next === null || typeof next !== 'object') continue;
    const values: unknown[] = Array.isArray(next) ? next : Object.values(next);
    if (!Array.isArray(next)) count += values.length;
    for (const item of values) pending.push(item);
  }
  return count;
}
