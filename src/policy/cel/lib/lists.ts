import { CelScalar, celFunc, celMethod, listType } from '@bufbuild/cel';
import type { CelFunc, CelList, CelValue } from '@bufbuild/cel';
import { celCompare, celEquals } from '../compare.ts';
import { charge } from '../meter.ts';
import type { Meter } from '../meter.ts';

const LIST = listType(CelScalar.DYN);
const { DYN, BOOL, INT } = CelScalar;

function extreme(list: CelList, name: string, sign: number): CelValue {
  let best: CelValue | undefined;
  for (const item of list) if (best === undefined || celCompare(item, best) * sign > 0) best = item;
  if (best === undefined) throw new Error(`${name} called on empty list`);
  return best;
}

function sum(list: CelList): CelValue {
  let total: bigint | number | undefined;
  for (const item of list) {
    if (typeof item === 'bigint' && (total === undefined || typeof total === 'bigint'))
      total = (total ?? 0n) + item;
    else if (typeof item === 'number' && (total === undefined || typeof total === 'number'))
      total = (total ?? 0) + item;
    else throw new Error('no such overload: sum() needs a list of ints or of doubles');
  }
  return total ?? 0n;
}

function indexOf(list: CelList, value: CelValue, last: boolean): bigint {
  let found = -1;
  let index = 0;
  for (const item of list) {
    if (celEquals(item, value)) {
      found = index;
      if (!last) break;
    }
    index++;
  }
  return BigInt(found);
}

function isSorted(list: CelList): boolean {
  let previous: CelValue | undefined;
  for (const item of list) {
    if (previous !== undefined && celCompare(previous, item) > 0) return false;
    previous = item;
  }
  return true;
}

function contains(list: CelList, sublist: CelList): boolean {
  for (const wanted of sublist) {
    let present = false;
    for (const item of list) if (celEquals(item, wanted)) present = true;
    if (!present) return false;
  }
  return true;
}

/**
 * The Kubernetes list library (`kubernetes/apiserver:pkg/cel/library/lists.go`: isSorted, sum, min,
 * max, indexOf, lastIndexOf) and cel-go's `ext.Sets` (contains, equivalent, intersects). Each call
 * charges the meter by the size of the lists it walks.
 */
export function listFunctions(meter: Meter): CelFunc[] {
  const walk = (...lists: CelList[]): void => {
    charge(
      meter,
      lists.reduce((units, list) => units + list.size, 1),
    );
  };
  return [
    celMethod('isSorted', LIST, [], BOOL, function () {
      walk(this);
      return isSorted(this);
    }),
    celMethod('sum', LIST, [], DYN, function () {
      walk(this);
      return sum(this);
    }),
    celMethod('min', LIST, [], DYN, function () {
      walk(this);
      return extreme(this, 'min', -1);
    }),
    celMethod('max', LIST, [], DYN, function () {
      walk(this);
      return extreme(this, 'max', 1);
    }),
    celMethod('indexOf', LIST, [DYN], INT, function (value) {
      walk(this);
      return indexOf(this, value, false);
    }),
    celMethod('lastIndexOf', LIST, [DYN], INT, function (value) {
      walk(this);
      return indexOf(this, value, true);
    }),
    celFunc('sets.contains', [LIST, LIST], BOOL, (list, sublist) => {
      walk(list, sublist);
      charge(meter, list.size * sublist.size);
      return contains(list, sublist);
    }),
    celFunc('sets.equivalent', [LIST, LIST], BOOL, (left, right) => {
      walk(left, right);
      charge(meter, left.size * right.size);
      return contains(left, right) && contains(right, left);
    }),
    celFunc('sets.intersects', [LIST, LIST], BOOL, (left, right) => {
      walk(left, right);
      charge(meter, left.size * right.size);
      for (const item of left) for (const other of right) if (celEquals(item, other)) return true;
      return false;
    }),
  ];
}
