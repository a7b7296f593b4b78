import { Buffer } from 'node:buffer';
import { RE2JS } from '@bufbuild/re2';
import type { BinaryCheckNode, ExprNode, OperandNode, ValueNode } from './ast.ts';
import type { EventScope, Test } from './event-scope.ts';
import { cachedReader } from './event-scope.ts';
import type { Slots } from './event-scope.ts';
import type { Operand } from './operand.ts';
import { compileOperand, ConditionCompileError } from './operand.ts';
import { asciiLower, globRegex, pathPrefixMatcher } from './string-match.ts';
import { RulesError } from './errors.ts';
import type { RulesLocation } from './errors.ts';
import type { ConditionSyntaxError } from './parse-condition.ts';

/** What a condition may refer to by name: macros already parsed (with lists resolved). */
export interface MacroTable {
  /** The macro's syntax tree, or undefined when no visible macro has that name. */
  readonly lookup: (name: string) => ExprNode | undefined;
}

/** A compile error met inside a macro's condition: the macro's name travels with it. */
export class MacroCompileError extends ConditionCompileError {
  readonly macro: string;
  constructor(macro: string, inner: ConditionCompileError) {
    super(inner.message, inner.pos);
    this.macro = macro;
  }
}

/** Where a macro's condition was written, to report errors inside it. */
export type MacroSource = (name: string) => { readonly at: RulesLocation; readonly text: string } | undefined;

/** The compiler's shared state for one ruleset: field and macro slots, compiled macros. */
export class ConditionCompiler {
  private readonly slots: Slots;
  private readonly reads: Map<number, Operand['read']>;
  private readonly macroTests = new Map<string, Test>();
  private readonly macroSource: MacroSource;

  constructor(slots: Slots, reads: Map<number, Operand['read']>, macroSource: MacroSource) {
    this.slots = slots;
    this.reads = reads;
    this.macroSource = macroSource;
  }

  /** The RulesError for a compile error of a rule's condition, located in the macro it came from if any. */
  located(error: ConditionCompileError | ConditionSyntaxError, at: RulesLocation, text: string): RulesError {
    const source = error instanceof MacroCompileError ? this.macroSource(error.macro) : undefined;
    if (error instanceof MacroCompileError && source)
      return new RulesError(`${error.message} (used by ${at.item})`, source.at, {
        condition: source.text,
        pos: error.pos,
      });
    return new RulesError(error.message, at, { condition: text, pos: error.pos });
  }

  /**
   * Compiles a condition to one closure. Macro references are compiled once per macro and their
   * result is kept per event, so the `kevt` prefix most rules share is evaluated once per event.
   */
  compile(node: ExprNode, macros: MacroTable, seen: readonly string[] = []): Test {
    switch (node.kind) {
      case 'and': {
        const tests = node.children.map((child) => this.compile(child, macros, seen));
        return allOf(tests);
      }
      case 'or': {
        const tests = node.children.map((child) => this.compile(child, macros, seen));
        return anyOf(tests);
      }
      case 'not': {
        const test = this.compile(node.child, macros, seen);
        return (scope) => !test(scope);
      }
      case 'identifier':
        return this.macro(node.name, node.pos, macros, seen);
      case 'unary': {
        const operand = this.operand(node.left);
        const read = operand.read;
        return (scope) => read(scope) !== undefined;
      }
      case 'binary':
        return this.binary(node);
    }
  }

  private macro(name: string, pos: ExprNode['pos'], macros: MacroTable, seen: readonly string[]): Test {
    const key = name;
    const compiled = this.macroTests.get(key);
    if (compiled) return compiled;
    const body = macros.lookup(name);
    if (body === undefined) throw new ConditionCompileError(`Undefined macro '${name}' used in filter.`, pos);
    if (seen.includes(name)) throw new ConditionCompileError(`macro '${name}' refers to itself`, pos);
    let inner: Test;
    try {
      inner = this.compile(body, macros, [...seen, name]);
    } catch (error) {
      if (error instanceof ConditionCompileError && !(error instanceof MacroCompileError))
        throw new MacroCompileError(name, error);
      throw error;
    }
    const { index } = this.slots.slot(`macro:${key}`);
    const test = cachedReader(index, inner);
    this.macroTests.set(key, test);
    return test;
  }

  private operand(node: OperandNode): Operand {
    return compileOperand(node, this.slots, this.reads);
  }

  private binary(node: BinaryCheckNode): Test {
    const left = this.operand(node.left);
    const op = node.op === '==' ? '=' : node.op;
    const right = node.right;
    if (left.list && op !== 'in' && op !== 'intersects')
      throw new ConditionCompileError(
        `list filter '${left.label}' only supports operators 'exists', 'in' and 'intersects'`,
        node.pos,
      );
    if (op === 'bcontains' || op === 'bstartswith')
      throw new ConditionCompileError(
        `'${op}' operator not supported for ${left.numeric ? "type 'uint64'" : 'string filters'}`,
        node.pos,
      );
    if (right.kind === 'field' || right.kind === 'transformer')
      return this.againstField(left, op, right, node);
    const values = right.kind === 'list' ? right.values : [right.value];
    if (left.numeric) return numericTest(left, op, values, node);
    if (isListOp(op)) return listTest(left, op, values, node);
    return stringTest(left.read, op, (right as ValueNode).value, node);
  }

  /** A comparison with another field on the right, `val(field)` or a transformer. */
  private againstField(left: Operand, op: string, right: OperandNode, node: BinaryCheckNode): Test {
    const other = this.operand(right);
    const readLeft = left.read;
    const readRight = other.read;
    if (left.list && !other.list && !isListOp(op))
      throw new ConditionCompileError(
        `list filter '${left.label}' can't be compared with a single value`,
        node.pos,
      );
    return (scope) => {
      const l = readLeft(scope);
      if (l === undefined) return false;
      const r = readRight(scope);
      if (r === undefined) return false;
      const values = typeof r === 'string' ? [r] : r;
      if (isListOp(op)) return listCompare(l, op, new Set(values), values);
      if (typeof l !== 'string') return false;
      return compareString(l, op, values[0] as string);
    };
  }
}

function allOf(tests: readonly Test[]): Test {
  if (tests.length === 2) {
    const [a, b] = tests as [Test, Test];
    return (scope) => a(scope) && b(scope);
  }
  return (scope) => {
    for (const test of tests) if (!test(scope)) return false;
    return true;
  };
}

function anyOf(tests: readonly Test[]): Test {
  if (tests.length === 2) {
    const [a, b] = tests as [Test, Test];
    return (scope) => a(scope) || b(scope);
  }
  return (scope) => {
    for (const test of tests) if (test(scope)) return true;
    return false;
  };
}

function isListOp(op: string): boolean {
  return op === 'in' || op === 'intersects' || op === 'pmatch';
}

/**
 * `in` and `intersects` (falcosecurity/libs userspace/libsinsp/sinsp_filtercheck.cpp, compare_rhs):
 * on a list field, `in` holds when every extracted value is in the set and `intersects` when one is;
 * on a single value both are set membership. `pmatch` is a path-prefix match of a single value.
 */
function listCompare(
  value: string | readonly string[],
  op: string,
  set: ReadonlySet<string>,
  items: readonly string[],
): boolean {
  if (typeof value === 'string') {
    if (op === 'pmatch') return pathPrefixMatcher(items)(value);
    return set.has(value);
  }
  if (op === 'in') {
    for (const v of value) if (!set.has(v)) return false;
    return true;
  }
  for (const v of value) if (set.has(v)) return true;
  return false;
}

function listTest(left: Operand, op: string, values: readonly string[], node: BinaryCheckNode): Test {
  const read = left.read;
  const set = new Set(values);
  if (op === 'pmatch') {
    if (left.list)
      throw new ConditionCompileError(
        `list filter '${left.label}' only supports operators 'exists', 'in' and 'intersects'`,
        node.pos,
      );
    const matches = pathPrefixMatcher(values);
    return (scope) => {
      const value = read(scope);
      return typeof value === 'string' && matches(value);
    };
  }
  if (!left.list)
    return (scope) => {
      const value = read(scope);
      return value !== undefined && set.has(value as string);
    };
  if (op === 'in')
    return (scope) => {
      const value = read(scope);
      if (value === undefined) return false;
      for (const v of value as readonly string[]) if (!set.has(v)) return false;
      return true;
    };
  return (scope) => {
    const value = read(scope);
    if (value === undefined) return false;
    for (const v of value as readonly string[]) if (set.has(v)) return true;
    return false;
  };
}

/** Byte order of two strings as strcmp sees their UTF-8 encodings. */
function strcmp(a: string, b: string): number {
  if (a === b) return 0;
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** The string comparisons of libsinsp's filter_compare.cpp (flt_compare_string). */
function compareString(value: string, op: string, operand: string): boolean {
  switch (op) {
    case '=':
      return value === operand;
    case '!=':
      return value !== operand;
    case 'contains':
      return value.includes(operand);
    case 'icontains':
      return asciiLower(value).includes(asciiLower(operand));
    case 'startswith':
      return value.startsWith(operand);
    case 'endswith':
      return value.endsWith(operand);
    case '<':
      return strcmp(value, operand) < 0;
    case '<=':
      return strcmp(value, operand) <= 0;
    case '>':
      return strcmp(value, operand) > 0;
    case '>=':
      return strcmp(value, operand) >= 0;
    default:
      return false;
  }
}

function stringTest(read: Operand['read'], op: string, operand: string, node: BinaryCheckNode): Test {
  const value = (scope: EventScope): string | undefined => read(scope) as string | undefined;
  switch (op) {
    case '=':
      return (scope) => value(scope) === operand;
    case '!=':
      return (scope) => {
        const v = value(scope);
        return v !== undefined && v !== operand;
      };
    case 'startswith':
      return (scope) => value(scope)?.startsWith(operand) === true;
    case 'glob':
    case 'iglob': {
      const regex = globRegex(operand, op === 'iglob');
      return (scope) => {
        const v = value(scope);
        return v !== undefined && regex.test(v);
      };
    }
    case 'regex': {
      const regex = compileRegex(operand, node);
      return (scope) => {
        const v = value(scope);
        return v !== undefined && regex.matches(v);
      };
    }
    default:
      return (scope) => {
        const v = value(scope);
        return v !== undefined && compareString(v, op, operand);
      };
  }
}

/**
 * An RE2 pattern matched against the whole value: libsinsp compiles `regex` operands with RE2 and
 * matches with `RE2::Anchor::ANCHOR_BOTH` (userspace/libsinsp/sinsp_filtercheck.cpp).
 */
function compileRegex(pattern: string, node: BinaryCheckNode): RE2JS {
  try {
    return RE2JS.compile(pattern);
  } catch (error) {
    throw new ConditionCompileError(`invalid regex pattern: ${(error as Error).message}`, node.right.pos);
  }
}

const UINT64 = /^(?:0[xX][0-9a-fA-F]+|[0-9]+)$/;

/** Comparisons of an unsigned number (a `len(...)` result). */
function numericTest(left: Operand, op: string, values: readonly string[], node: BinaryCheckNode): Test {
  const numbers = values.map((v) => {
    if (!UINT64.test(v))
      throw new ConditionCompileError(`filter parameter '${v}' is not a valid number`, node.right.pos);
    return BigInt(v);
  });
  const read = left.read;
  const compare = NUMERIC[op];
  if (isListOp(op)) {
    if (op === 'pmatch')
      throw new ConditionCompileError(`'pmatch' operator not supported for type 'uint64'`, node.pos);
    const set = new Set(numbers);
    return (scope) => {
      const v = read(scope);
      return typeof v === 'string' && set.has(BigInt(v));
    };
  }
  if (!compare) throw new ConditionCompileError(`'${op}' operator not supported for type 'uint64'`, node.pos);
  const operand = numbers[0] as bigint;
  return (scope) => {
    const v = read(scope);
    return typeof v === 'string' && compare(BigInt(v), operand);
  };
}

const NUMERIC: Readonly<Record<string, (a: bigint, b: bigint) => boolean>> = {
  '=': (a, b) => a === b,
  '!=': (a, b) => a !== b,
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
};
