import type { ExprNode, OperandNode } from './ast.ts';

/** Audit levels, lowest first (audit.k8s.io/v1 Level). */
export const LEVELS = ['None', 'Metadata', 'Request', 'RequestResponse'] as const;
export type Level = (typeof LEVELS)[number];

/** The request attributes an audit Policy matches on and a rule may pin down. */
export type Dimension = 'verb' | 'resource' | 'subresource' | 'stage' | 'namespace' | 'user' | 'uri';

/**
 * One way a rule can match: the values each dimension must take (absent: any), the audit level the
 * event needs, and the field that needs it.
 */
export interface Alternative {
  readonly dims: Readonly<Partial<Record<Dimension, ReadonlySet<string>>>>;
  readonly level: Level;
  readonly reason: string | undefined;
}

const DIMENSION_FIELDS: Readonly<Record<string, Dimension>> = {
  'ka.verb': 'verb',
  'ka.target.resource': 'resource',
  'ka.target.subresource': 'subresource',
  'ka.stage': 'stage',
  'jevt.value[/stage]': 'stage',
  'json.value[/stage]': 'stage',
  'ka.target.namespace': 'namespace',
  'ka.user.name': 'user',
  'ka.uri': 'uri',
};

const MAX_ALTERNATIVES = 256;

function fieldName(node: OperandNode): string {
  if (node.kind === 'transformer') return fieldName(node.operand);
  return node.arg === undefined ? node.name : `${node.name}[${node.arg}]`;
}

/** The level an event needs for a field to have a value: request or response objects, else Metadata. */
export function levelForField(name: string): Level {
  if (/^(ka\.req\.|jevt\.value\[\/?requestObject|json\.value\[\/?requestObject)/.test(name)) return 'Request';
  if (
    /^(ka\.resp\.|ka\.target\.pod\.name$|jevt\.value\[\/?responseObject|json\.value\[\/?responseObject)/.test(
      name,
    )
  )
    return 'RequestResponse';
  if (name === 'jevt.obj' || name === 'json.obj') return 'Metadata';
  return 'Metadata';
}

const ANY: Alternative = { dims: {}, level: 'Metadata', reason: undefined };

function both(a: Alternative, b: Alternative): Alternative | undefined {
  const dims: Partial<Record<Dimension, ReadonlySet<string>>> = { ...a.dims };
  for (const [dim, values] of Object.entries(b.dims) as [Dimension, ReadonlySet<string>][]) {
    const existing = dims[dim];
    const merged = existing ? new Set([...existing].filter((v) => values.has(v))) : values;
    if (merged.size === 0) return undefined;
    dims[dim] = merged;
  }
  const higher = LEVELS.indexOf(b.level) > LEVELS.indexOf(a.level);
  return { dims, level: higher ? b.level : a.level, reason: higher ? b.reason : a.reason };
}

/**
 * The ways a condition can hold, as an over-approximation: a conjunction intersects its parts'
 * constraints, a disjunction lists its branches, a negation constrains nothing and needs nothing.
 * A rule none of whose alternatives an audit Policy lets through can never fire.
 */
export function alternatives(
  node: ExprNode,
  macros: ReadonlyMap<string, ExprNode>,
  seen: readonly string[] = [],
): Alternative[] {
  switch (node.kind) {
    case 'identifier': {
      const body = macros.get(node.name);
      if (!body || seen.includes(node.name)) return [ANY];
      return alternatives(body, macros, [...seen, node.name]);
    }
    case 'not':
      return [ANY];
    case 'or': {
      const result = node.children.flatMap((child) => alternatives(child, macros, seen));
      return result.length > MAX_ALTERNATIVES ? [ANY] : result;
    }
    case 'and': {
      let result: Alternative[] = [ANY];
      for (const child of node.children) {
        const next: Alternative[] = [];
        for (const left of result)
          for (const right of alternatives(child, macros, seen)) {
            const merged = both(left, right);
            if (merged) next.push(merged);
          }
        result = next.length > MAX_ALTERNATIVES ? [ANY] : next;
      }
      return result;
    }
    case 'unary': {
      const name = fieldName(node.left);
      return [{ dims: {}, level: levelForField(name), reason: name }];
    }
    case 'binary': {
      const name = fieldName(node.left);
      const level = levelForField(name);
      const dim = node.left.kind === 'field' ? DIMENSION_FIELDS[name] : undefined;
      const right = node.right;
      const fixed =
        (node.op === '=' || node.op === '==' || node.op === 'in') &&
        (right.kind === 'value' || right.kind === 'list');
      const dims: Partial<Record<Dimension, ReadonlySet<string>>> = {};
      if (dim && fixed) dims[dim] = new Set(right.kind === 'list' ? right.values : [right.value]);
      return [{ dims, level, reason: level === 'Metadata' ? undefined : name }];
    }
  }
}
