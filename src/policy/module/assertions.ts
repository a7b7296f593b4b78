import { isDeepStrictEqual, inspect } from 'node:util';

/** Thrown by `failNow` to end a test at once. */
export class TestStopped extends Error {
  override readonly name = 'TestStopped';
}

/** Thrown by `skip` to mark a test as not applicable to the resource. */
export class TestSkipped extends Error {
  override readonly name = 'TestSkipped';
}

/**
 * The assertion helpers a test receives, after kubetest's builtins (`assert_equal`,
 * `assert_contains`, …, `fail`, `fail_now`) in camelCase. The message comes last and is optional.
 * A failed assertion is recorded and the test goes on (testify's `assert`), so one run reports every
 * problem; `failNow` stops the test and `skip` marks it not applicable.
 */
export interface Assertions {
  /** Deep equality (objects, arrays, scalars). */
  readonly assertEqual: (actual: unknown, expected: unknown, message?: string) => boolean;
  readonly assertNotEqual: (actual: unknown, unexpected: unknown, message?: string) => boolean;
  /** A substring of a string, a key of an object, or a deep-equal element of an array. */
  readonly assertContains: (collection: unknown, element: unknown, message?: string) => boolean;
  readonly assertNotContains: (collection: unknown, element: unknown, message?: string) => boolean;
  /** A string matching a RegExp (or a pattern string, unanchored). */
  readonly assertMatches: (value: unknown, pattern: RegExp | string, message?: string) => boolean;
  readonly assertNotMatches: (value: unknown, pattern: RegExp | string, message?: string) => boolean;
  /** null or undefined. */
  readonly assertNil: (value: unknown, message?: string) => boolean;
  readonly assertNotNil: (value: unknown, message?: string) => boolean;
  /** null, undefined, "", false, 0, or no elements/keys. */
  readonly assertEmpty: (value: unknown, message?: string) => boolean;
  readonly assertNotEmpty: (value: unknown, message?: string) => boolean;
  readonly assertTrue: (value: unknown, message?: string) => boolean;
  readonly assertFalse: (value: unknown, message?: string) => boolean;
  /** Records a failure. */
  readonly fail: (message: string) => void;
  /** Records a failure and ends the test. */
  readonly failNow: (message: string) => never;
  /** Ends the test as not applicable to this resource. */
  readonly skip: (reason?: string) => never;
}

const show = (value: unknown): string => inspect(value, { depth: 4, breakLength: Infinity, compact: true });

function contains(collection: unknown, element: unknown): boolean {
  if (typeof collection === 'string') return typeof element === 'string' && collection.includes(element);
  if (Array.isArray(collection)) return collection.some((item: unknown) => isDeepStrictEqual(item, element));
  if (collection instanceof Map || collection instanceof Set) return collection.has(element);
  if (typeof collection === 'object' && collection !== null)
    return typeof element === 'string' && Object.hasOwn(collection, element);
  return false;
}

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === '' || value === false || value === 0) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (value instanceof Map || value instanceof Set) return value.size === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

function matches(value: unknown, pattern: RegExp | string): boolean {
  return (
    typeof value === 'string' && (typeof pattern === 'string' ? new RegExp(pattern) : pattern).test(value)
  );
}

/** Assertion helpers recording failures into `failures`. */
export function assertions(failures: string[]): Assertions {
  const check = (ok: boolean, message: string | undefined, detail: string): boolean => {
    if (!ok) failures.push(message === undefined || message === '' ? detail : `${message}: ${detail}`);
    return ok;
  };
  return {
    assertEqual: (actual, expected, message) =>
      check(isDeepStrictEqual(actual, expected), message, `expected ${show(expected)}, got ${show(actual)}`),
    assertNotEqual: (actual, unexpected, message) =>
      check(
        !isDeepStrictEqual(actual, unexpected),
        message,
        `expected a value other than ${show(unexpected)}`,
      ),
    assertContains: (collection, element, message) =>
      check(contains(collection, element), message, `${show(collection)} does not contain ${show(element)}`),
    assertNotContains: (collection, element, message) =>
      check(!contains(collection, element), message, `${show(collection)} contains ${show(element)}`),
    assertMatches: (value, pattern, message) =>
      check(matches(value, pattern), message, `${show(value)} does not match ${String(pattern)}`),
    assertNotMatches: (value, pattern, message) =>
      check(!matches(value, pattern), message, `${show(value)} matches ${String(pattern)}`),
    assertNil: (value, message) =>
      check(value === null || value === undefined, message, `expected nil, got ${show(value)}`),
    assertNotNil: (value, message) =>
      check(value !== null && value !== undefined, message, 'expected a value, got nil'),
    assertEmpty: (value, message) => check(isEmpty(value), message, `expected empty, got ${show(value)}`),
    assertNotEmpty: (value, message) =>
      check(!isEmpty(value), message, `expected not empty, got ${show(value)}`),
    assertTrue: (value, message) => check(value === true, message, `expected true, got ${show(value)}`),
    assertFalse: (value, message) => check(value === false, message, `expected false, got ${show(value)}`),
    fail: (message) => {
      failures.push(message);
    },
    failNow: (message) => {
      failures.push(message);
      throw new TestStopped(message);
    },
    skip: (reason) => {
      throw new TestSkipped(reason ?? 'not applicable');
    },
  };
}
