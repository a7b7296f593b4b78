import type { Labels } from '../model/label-selector.ts';
import { isRecord } from '../model/path.ts';

/** One requirement of a label selector: `matchLabels` entries read as `In` with one value. */
export interface Requirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  /** Sorted; empty for Exists and DoesNotExist. */
  readonly values: readonly string[];
}

/**
 * A label selector as the conjunction of its requirements (`metav1.LabelSelectorAsSelector`): the empty
 * list selects every label set. Undefined when the selector is invalid (it then selects nothing, as in
 * `selectorMatches`).
 */
export function requirementsOf(selector: unknown): Requirement[] | undefined {
  if (!isRecord(selector)) return undefined;
  const requirements: Requirement[] = [];
  const { matchLabels, matchExpressions } = selector;
  if (matchLabels !== undefined && matchLabels !== null) {
    if (!isRecord(matchLabels)) return undefined;
    for (const [key, value] of Object.entries(matchLabels)) {
      if (typeof value !== 'string') return undefined;
      requirements.push({ key, operator: 'In', values: [value] });
    }
  }
  if (matchExpressions !== undefined && matchExpressions !== null) {
    if (!Array.isArray(matchExpressions)) return undefined;
    for (const entry of matchExpressions as unknown[]) {
      if (!isRecord(entry) || typeof entry.key !== 'string') return undefined;
      const operator = entry.operator;
      const values = Array.isArray(entry.values)
        ? (entry.values as unknown[]).filter((v): v is string => typeof v === 'string').sort()
        : [];
      if (operator === 'In' || operator === 'NotIn') {
        if (values.length === 0) return undefined;
        requirements.push({ key: entry.key, operator, values });
      } else if (operator === 'Exists' || operator === 'DoesNotExist')
        requirements.push({ key: entry.key, operator, values: [] });
      else return undefined;
    }
  }
  return requirements;
}

const NEGATION: Readonly<Record<Requirement['operator'], Requirement['operator']>> = {
  In: 'NotIn',
  NotIn: 'In',
  Exists: 'DoesNotExist',
  DoesNotExist: 'Exists',
};

/**
 * Whether some label set meets every requirement. Requirements on different keys are independent, so
 * the answer is exact: per key, the values `In` allows (intersected), minus those `NotIn` excludes,
 * against `Exists` / `DoesNotExist`. A key with no `In` can always take a value nobody lists.
 */
export function satisfiable(requirements: readonly Requirement[]): boolean {
  const byKey = new Map<string, Requirement[]>();
  for (const requirement of requirements) {
    const list = byKey.get(requirement.key);
    if (list) list.push(requirement);
    else byKey.set(requirement.key, [requirement]);
  }
  for (const list of byKey.values()) {
    let allowed: Set<string> | undefined;
    const excluded = new Set<string>();
    let present = false;
    let absent = false;
    for (const { operator, values } of list) {
      if (operator === 'In') {
        present = true;
        allowed = new Set(values.filter((value) => allowed === undefined || allowed.has(value)));
      } else if (operator === 'NotIn') for (const value of values) excluded.add(value);
      else if (operator === 'Exists') present = true;
      else absent = true;
    }
    if (present && absent) return false;
    if (allowed && ![...allowed].some((value) => !excluded.has(value))) return false;
  }
  return true;
}

/** Whether every label set `inner` selects is also selected by `outer` (exact: inner ∧ ¬r is empty for each r of outer). */
export function requirementsContain(outer: readonly Requirement[], inner: readonly Requirement[]): boolean {
  if (!satisfiable(inner)) return true;
  return outer.every(
    (requirement) => !satisfiable([...inner, { ...requirement, operator: NEGATION[requirement.operator] }]),
  );
}

/** Whether some label set is selected by both. */
export function requirementsOverlap(a: readonly Requirement[], b: readonly Requirement[]): boolean {
  return satisfiable([...a, ...b]);
}

/** Whether a label set meets every requirement. */
export function requirementsMatch(requirements: readonly Requirement[], labels: Labels): boolean {
  return requirements.every(({ key, operator, values }) => {
    const value = Object.prototype.hasOwnProperty.call(labels, key) ? labels[key] : undefined;
    switch (operator) {
      case 'In':
        return value !== undefined && values.includes(value);
      case 'NotIn':
        return value === undefined || !values.includes(value);
      case 'Exists':
        return value !== undefined;
      case 'DoesNotExist':
        return value === undefined;
    }
  });
}

/** kubectl's selector text: `app=web,tier in (a,b),!legacy`; `everything` for no requirement. */
export function formatRequirements(requirements: readonly Requirement[]): string {
  if (requirements.length === 0) return 'everything';
  return requirements
    .map(({ key, operator, values }) => {
      if (operator === 'In')
        return values.length === 1 ? `${key}=${values[0] ?? ''}` : `${key} in (${values.join(',')})`;
      if (operator === 'NotIn')
        return values.length === 1 ? `${key}!=${values[0] ?? ''}` : `${key} notin (${values.join(',')})`;
      return operator === 'Exists' ? key : `!${key}`;
    })
    .join(',');
}
