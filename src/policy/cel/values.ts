import { isCelList, isCelMap, isCelUint } from '@bufbuild/cel';
import type { CelInput, CelValue } from '@bufbuild/cel';
import { isReflectMessage } from '@bufbuild/protobuf/reflect';
import { opaqueText } from './opaque.ts';

/**
 * Turns a parsed manifest value into a CEL input the way the API server types it: whole numbers
 * become CEL `int` (bigint) so `spec.replicas + 1` is an int, other numbers stay `double`.
 * Without an OpenAPI schema, a number is an int exactly when it is a safe integer; `1.0` in YAML
 * is indistinguishable from `1` after parsing and so becomes an int too. `undefined` becomes null.
 */
export function toCelInput(value: unknown): CelInput {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isSafeInteger(value) ? BigInt(value) : value;
  if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'bigint') return value;
  if (Array.isArray(value)) return value.map((item: unknown) => toCelInput(item));
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    const entries: Record<string, CelInput> = {};
    for (const [key, item] of Object.entries(value)) entries[key] = toCelInput(item);
    return entries;
  }
  return null;
}

/**
 * Turns a CEL result back into plain JSON-like data for messages and reports: ints become numbers
 * when safe (else decimal strings), lists arrays, maps objects with string keys, opaque values
 * (quantity, ip, url) their string form.
 */
export function fromCel(value: CelValue | CelInput): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number')
    return value;
  if (typeof value === 'bigint')
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  if (isCelUint(value)) return fromCel(value.value);
  if (isCelList(value)) return Array.from(value, (item) => fromCel(item));
  if (isCelMap(value)) {
    const entries: Record<string, unknown> = {};
    for (const [key, item] of value.entries())
      entries[typeof key === 'object' ? key.value.toString() : String(key)] = fromCel(item);
    return entries;
  }
  if (Array.isArray(value)) return value.map((item: CelInput) => fromCel(item));
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (isReflectMessage(value)) return opaqueText(value);
  return null;
}
