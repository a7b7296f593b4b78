/**
 * The JSON access the k8saudit and json plugins make through fastjson, over a parsed value: a key of
 * an object, or a decimal index of an array (fastjson `Value.Get`); `undefined` when absent. A JSON
 * `null` is present (it prints as `null`).
 */
export function jsonGet(value: unknown, key: string): unknown {
  if (value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) return /^[0-9]+$/.test(key) ? (value[Number(key)] as unknown) : undefined;
  const found = (value as Record<string, unknown>)[key];
  // A parsed JSON value holds no functions: one found here, or `__proto__`, is inherited unless own.
  if (typeof found === 'function' || key === '__proto__')
    return Object.hasOwn(value, key) ? found : undefined;
  return found;
}

/** `jsonGet` along several keys. */
export function jsonPath(value: unknown, keys: readonly string[]): unknown {
  let current = value;
  for (const key of keys) {
    current = jsonGet(current, key);
    if (current === undefined) return undefined;
  }
  return current;
}

/** A JSON value as the plugins print it: a string as is, anything else as compact JSON. */
export function jsonText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
