import type { ExprNode } from './ast.ts';
import type { EventScope } from './event-scope.ts';
import type { FieldValue } from './field-value.ts';
import { operandText } from './operand.ts';

/** The fields rules are indexed by: most official rules pin the stage, the verb and the resource. */
export const INDEX_FIELDS = ['jevt.value[/stage]', 'ka.verb', 'ka.target.resource'] as const;

const MEMBERSHIP = new Set(['=', '==', 'in', 'intersects']);

/**
 * The values `field` must have for the condition to hold, or undefined when it may have any: a
 * conjunction intersects what its parts pin, a disjunction pins only when every branch does, a
 * negation pins nothing. A check `field = v` or `field in (...)` is false on an absent field, so an
 * event whose value is not in the set can never match.
 */
export function pinnedValues(
  node: ExprNode,
  field: string,
  macros: ReadonlyMap<string, ExprNode>,
  seen: readonly string[] = [],
): ReadonlySet<string> | undefined {
  switch (node.kind) {
    case 'identifier': {
      const body = macros.get(node.name);
      return body && !seen.includes(node.name)
        ? pinnedValues(body, field, macros, [...seen, node.name])
        : undefined;
    }
    case 'not':
    case 'unary':
      return undefined;
    case 'binary': {
      if (node.left.kind !== 'field' || operandText(node.left) !== field || !MEMBERSHIP.has(node.op))
        return undefined;
      const right = node.right;
      if (right.kind === 'list') return new Set(right.values);
      return right.kind === 'value' ? new Set([right.value]) : undefined;
    }
    case 'and': {
      let result: Set<string> | undefined;
      for (const child of node.children) {
        const pinned = pinnedValues(child, field, macros, seen);
        if (!pinned) continue;
        result = result ? new Set([...result].filter((v) => pinned.has(v))) : new Set(pinned);
      }
      return result;
    }
    case 'or': {
      const result = new Set<string>();
      for (const child of node.children) {
        const pinned = pinnedValues(child, field, macros, seen);
        if (!pinned) return undefined;
        for (const v of pinned) result.add(v);
      }
      return result;
    }
  }
}

/** A rule as the index sees it. */
export interface IndexedRule<T> {
  readonly rule: T;
  readonly ast: ExprNode;
}

const MAX_KEYS = 4096;
const ABSENT = Symbol('absent');

type Level<T> = Map<string | typeof ABSENT, Level<T> | readonly T[]>;

/**
 * Selects, per event, the rules that can match it from the indexed fields' values, in rule order. The
 * selection for each combination of values is kept in nested maps (up to a bound, since values come
 * from events), so an event costs three map lookups before its candidate rules run.
 */
export class RuleIndex<T> {
  private readonly pins: readonly (readonly (ReadonlySet<string> | undefined)[])[];
  private readonly rules: readonly T[];
  private readonly readers: readonly ((scope: EventScope) => FieldValue)[];
  private readonly root: Level<T> = new Map();
  private size = 0;

  constructor(
    rules: readonly IndexedRule<T>[],
    macros: ReadonlyMap<string, ExprNode>,
    readers: readonly ((scope: EventScope) => FieldValue)[],
  ) {
    this.rules = rules.map((r) => r.rule);
    this.pins = rules.map((r) => INDEX_FIELDS.map((field) => pinnedValues(r.ast, field, macros)));
    this.readers = readers;
  }

  /** The rules that may match the event in scope. */
  candidates(scope: EventScope): readonly T[] {
    let level = this.root;
    const last = this.readers.length - 1;
    const values: (string | typeof ABSENT)[] = [];
    for (let f = 0; f <= last; f++) {
      const value = (this.readers[f] as (scope: EventScope) => FieldValue)(scope);
      const key = typeof value === 'string' ? value : ABSENT;
      values.push(key);
      const next = level.get(key);
      if (next === undefined) return this.select(values, f, scope);
      if (f === last) return next as readonly T[];
      level = next as Level<T>;
    }
    return this.rules;
  }

  private select(known: (string | typeof ABSENT)[], from: number, scope: EventScope): readonly T[] {
    const values = [...known];
    for (let f = from + 1; f < this.readers.length; f++) {
      const value = (this.readers[f] as (scope: EventScope) => FieldValue)(scope);
      values.push(typeof value === 'string' ? value : ABSENT);
    }
    const selected = this.rules.filter((_, i) =>
      (this.pins[i] as readonly (ReadonlySet<string> | undefined)[]).every(
        (pinned, f) => !pinned || (typeof values[f] === 'string' && pinned.has(values[f])),
      ),
    );
    if (this.size >= MAX_KEYS) return selected;
    this.size++;
    let level = this.root;
    for (let f = 0; f < values.length - 1; f++) {
      const key = values[f] as string | typeof ABSENT;
      let next = level.get(key) as Level<T> | undefined;
      if (!next) {
        next = new Map();
        level.set(key, next);
      }
      level = next;
    }
    level.set(values[values.length - 1] as string | typeof ABSENT, selected);
    return selected;
  }
}
