/**
 * Whether JSON text that parsed to `value` may repeat a key in some object: true when the text has
 * more keys than the value's objects hold (`JSON.parse` keeps the last of a repeated key). Linear in
 * the text; a caller that gets true looks for the repeated key with a real tokenizer.
 */
export function jsonMayRepeatKeys(text: string, value: unknown): boolean {
  return keysWritten(text) !== keysHeld(value);
}

const BACKSLASH = 92;
const COLON = 58;

/** The strings of JSON text followed by a colon: its object keys. Text outside strings has no quote. */
function keysWritten(text: string): number {
  let count = 0;
  for (let open = text.indexOf('"'); open !== -1;) {
    let close = text.indexOf('"', open + 1);
    while (close !== -1 && escaped(text, close)) close = text.indexOf('"', close + 1);
    if (close === -1) break;
    let next = close + 1;
    while (next < text.length && text.charCodeAt(next) <= 32) next++;
    if (text.charCodeAt(next) === COLON) count++;
    open = text.indexOf('"', next);
  }
  return count;
}

/** Whether the quote at `at` is escaped: preceded by an odd number of backslashes. */
function escaped(text: string, at: number): boolean {
  let backslashes = 0;
  while (text.charCodeAt(at - 1 - backslashes) === BACKSLASH) backslashes++;
  return backslashes % 2 === 1;
}

/** The keys of every object in a parsed JSON value. */
function keysHeld(value: unknown): number {
  let count = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (Array.isArray(next)) for (const item of next as unknown[]) pending.push(item);
    else if (typeof next === 'object' && next !== null)
      for (const key in next) {
        count++;
        const item = (next as Record<string, unknown>)[key];
        if (typeof item === 'object' && item !== null) pending.push(item);
      }
  }
  return count;
}
