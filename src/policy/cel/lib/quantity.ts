import { CelScalar, celFunc, celMethod } from '@bufbuild/cel';
import type { CelFunc } from '@bufbuild/cel';
import type { ReflectMessage } from '@bufbuild/protobuf/reflect';
import { OPAQUE, opaque, opaqueText } from '../opaque.ts';
import {
  addQuantities,
  compareQuantities,
  formatQuantity,
  isWholeQuantity,
  parseQuantity,
} from './quantity-value.ts';
import type { QuantityValue } from './quantity-value.ts';

const Q = OPAQUE.Quantity;
const { STRING, BOOL, INT, DOUBLE } = CelScalar;
const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);

function valueOf(quantity: ReflectMessage): QuantityValue {
  const value = parseQuantity(opaqueText(quantity));
  if (value === undefined) throw new Error(`invalid quantity ${JSON.stringify(opaqueText(quantity))}`);
  return value;
}

function make(value: QuantityValue): ReflectMessage {
  return opaque('Quantity', formatQuantity(value));
}

const whole = (integer: bigint): QuantityValue => ({ numerator: integer, denominator: 1n });

/**
 * The Kubernetes quantity library (`kubernetes/apiserver:pkg/cel/library/quantity.go`), exact:
 * `quantity(s)`, `isQuantity(s)`, `.sign()`, `.isInteger()`, `.asInteger()` (error when not whole or
 * beyond int64), `.asApproximateFloat()`, `.add()`/`.sub()` with a quantity or an int,
 * `.isLessThan()`, `.isGreaterThan()`, `.compareTo()`.
 */
export const QUANTITY_FUNCTIONS: readonly CelFunc[] = [
  celFunc('quantity', [STRING], Q, (text) => {
    const value = parseQuantity(text);
    if (value === undefined)
      throw new Error(
        `quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$': ${JSON.stringify(text)}`,
      );
    return make(value);
  }),
  celFunc('isQuantity', [STRING], BOOL, (text) => parseQuantity(text) !== undefined),
  celMethod('sign', Q, [], INT, function () {
    const { numerator } = valueOf(this);
    return numerator > 0n ? 1n : numerator < 0n ? -1n : 0n;
  }),
  celMethod('isInteger', Q, [], BOOL, function () {
    const value = valueOf(this);
    if (!isWholeQuantity(value)) return false;
    const integer = value.numerator / value.denominator;
    return integer >= INT64_MIN && integer <= INT64_MAX;
  }),
  celMethod('asInteger', Q, [], INT, function () {
    const value = valueOf(this);
    const integer = value.numerator / value.denominator;
    if (!isWholeQuantity(value) || integer < INT64_MIN || integer > INT64_MAX)
      throw new Error('cannot convert value to integer');
    return integer;
  }),
  celMethod('asApproximateFloat', Q, [], DOUBLE, function () {
    const value = valueOf(this);
    return Number(value.numerator) / Number(value.denominator);
  }),
  celMethod('add', Q, [Q], Q, function (other) {
    return make(addQuantities(valueOf(this), valueOf(other), 1n));
  }),
  celMethod('add', Q, [INT], Q, function (other) {
    return make(addQuantities(valueOf(this), whole(other), 1n));
  }),
  celMethod('sub', Q, [Q], Q, function (other) {
    return make(addQuantities(valueOf(this), valueOf(other), -1n));
  }),
  celMethod('sub', Q, [INT], Q, function (other) {
    return make(addQuantities(valueOf(this), whole(other), -1n));
  }),
  celMethod('isLessThan', Q, [Q], BOOL, function (other) {
    return compareQuantities(valueOf(this), valueOf(other)) < 0;
  }),
  celMethod('isGreaterThan', Q, [Q], BOOL, function (other) {
    return compareQuantities(valueOf(this), valueOf(other)) > 0;
  }),
  celMethod('compareTo', Q, [Q], INT, function (other) {
    return BigInt(compareQuantities(valueOf(this), valueOf(other)));
  }),
];
