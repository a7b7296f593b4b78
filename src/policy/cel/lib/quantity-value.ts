/**
 * An exact Kubernetes resource.Quantity value as a fraction `numerator / denominator`, where the
 * denominator is a power of ten. Parsing follows `k8s.io/apimachinery/pkg/api/resource/quantity.go`:
 * a signed decimal number, then a binary SI suffix (Ki…Ei), a decimal SI suffix (n u m "" k M G T P
 * E) or a decimal exponent (e3, E-2).
 */
export interface QuantityValue {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

const FORM = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

const BINARY: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL: Readonly<Record<string, number>> = {
  n: -9,
  u: -6,
  m: -3,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};

/** Parses a quantity; undefined when the text is not one. */
export function parseQuantity(text: string): QuantityValue | undefined {
  const match = FORM.exec(text);
  if (match === null) return undefined;
  const [, sign = '', digits = '', suffix = ''] = match;
  const [whole = '', fraction = ''] = digits.split('.');
  let numerator = BigInt(`${whole}${fraction}` === '' ? '0' : `${whole}${fraction}`);
  let denominator = 10n ** BigInt(fraction.length);
  const binary = BINARY[suffix];
  const decimal = DECIMAL[suffix];
  const exponent =
    binary === undefined && decimal === undefined && suffix !== '' ? Number(suffix.slice(1)) : decimal;
  if (binary !== undefined) numerator *= 2n ** BigInt(binary);
  if (exponent !== undefined && Math.abs(exponent) > 1000) return undefined;
  if (exponent !== undefined && exponent > 0) numerator *= 10n ** BigInt(exponent);
  if (exponent !== undefined && exponent < 0) denominator *= 10n ** BigInt(-exponent);
  return { numerator: sign === '-' ? -numerator : numerator, denominator };
}

/** Compares two quantities: -1, 0 or 1. */
export function compareQuantities(left: QuantityValue, right: QuantityValue): number {
  const a = left.numerator * right.denominator;
  const b = right.numerator * left.denominator;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sum (or difference, with `sign` -1) of two quantities. */
export function addQuantities(left: QuantityValue, right: QuantityValue, sign: 1n | -1n): QuantityValue {
  const denominator = left.denominator > right.denominator ? left.denominator : right.denominator;
  return {
    numerator:
      left.numerator * (denominator / left.denominator) +
      sign * right.numerator * (denominator / right.denominator),
    denominator,
  };
}

/** Whether the quantity is a whole number. */
export function isWholeQuantity(value: QuantityValue): boolean {
  return value.numerator % value.denominator === 0n;
}

/**
 * Canonical text of a quantity: a whole number as digits, else the largest of m, u, n that makes it
 * whole, else a decimal exponent (`15e-10`).
 */
export function formatQuantity(value: QuantityValue): string {
  if (isWholeQuantity(value)) return (value.numerator / value.denominator).toString();
  for (const [suffix, scale] of [
    ['m', 1000n],
    ['u', 1_000_000n],
    ['n', 1_000_000_000n],
  ] as const) {
    const scaled = value.numerator * scale;
    if (scaled % value.denominator === 0n) return `${(scaled / value.denominator).toString()}${suffix}`;
  }
  const exponent = value.denominator.toString().length - 1;
  return `${value.numerator.toString()}e-${String(exponent)}`;
}
