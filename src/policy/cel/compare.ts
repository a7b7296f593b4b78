import { isCelList, isCelMap, isCelUint } from '@bufbuild/cel';
import type { CelValue } from '@bufbuild/cel';
import { isReflectMessage } from '@bufbuild/protobuf/reflect';
import { opaqueText } from './opaque.ts';

function numeric(value: CelValue): number | bigint | undefined {
  if (typeof value === 'bigint' || typeof value === 'number') return value;
  if (isCelUint(value)) return value.value;
  return undefined;
}

/**
 * CEL equality for the list and set functions: numbers compare across int, uint and double
 * (cel-spec heterogeneous equality), lists element-wise, maps by key, opaque values by type and text.
 */
export function celEquals(left: CelValue, right: CelValue): boolean {
  const a = numeric(left);
  const b = numeric(right);
  if (a !== undefined || b !== undefined) return a !== undefined && b !== undefined && a == b;
  if (left === null || typeof left !== 'object') return left === right;
  if (right === null || typeof right !== 'object') return false;
  if (isCelList(left)) {
    if (!isCelList(right) || left.size !== right.size) return false;
    for (let index = 0; index < left.size; index++) {
      const x = left.get(index);
      const y = right.get(index);
      if (x === undefined || y === undefined || !celEquals(x, y)) return false;
    }
    return true;
  }
  if (isCelMap(left)) {
    if (!isCelMap(right) || left.size !== right.size) return false;
    for (const [key, x] of left.entries()) {
      const y = right.get(key);
      if (y === undefined || !celEquals(x, y)) return false;
    }
    return true;
  }
  if (isReflectMessage(left))
    return (
      isReflectMessage(right) &&
      left.desc.typeName === right.desc.typeName &&
      opaqueText(left) === opaqueText(right)
    );
  if (left instanceof Uint8Array)
    return right instanceof Uint8Array && Buffer.from(left).equals(Buffer.from(right));
  return false;
}

/**
 * Orders two comparable CEL values (numbers across types, strings, bools, bytes) as `<` does;
 * throws for values CEL cannot order, which becomes a CEL error.
 */
export function celCompare(left: CelValue, right: CelValue): number {
  const a = numeric(left);
  const b = numeric(right);
  if (a !== undefined && b !== undefined) return a < b ? -1 : a > b ? 1 : 0;
  if (typeof left === 'string' && typeof right === 'string') return left < right ? -1 : left > right ? 1 : 0;
  if (typeof left === 'boolean' && typeof right === 'boolean') return Number(left) - Number(right);
  if (left instanceof Uint8Array && right instanceof Uint8Array) return Buffer.compare(left, right);
  throw new Error('no such overload: values are not comparable');
}
