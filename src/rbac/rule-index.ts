import type { GrantedRule } from './model.ts';
import type { AuthorizationRequest } from './request.ts';
import { ruleAllows } from './rule-allows.ts';

interface Entry {
  readonly position: number;
  readonly granted: GrantedRule;
}

/** A role's rules grouped for lookup (see {@link indexRules}). */
export interface RuleIndex {
  readonly verbs: ReadonlySet<string>;
  readonly byResource: ReadonlyMap<string, readonly Entry[]>;
  readonly nonResource: readonly Entry[];
}

const indexes = new WeakMap<readonly GrantedRule[], RuleIndex>();

/** Builds (once) the index of a rule list; `firstAllowingRule` calls it lazily, who-can eagerly. */
export function indexRules(rules: readonly GrantedRule[]): RuleIndex {
  const cached = indexes.get(rules);
  if (cached) return cached;
  const byResource = new Map<string, Entry[]>();
  const nonResource: Entry[] = [];
  const verbs = new Set<string>();
  rules.forEach((granted, position) => {
    for (const verb of granted.rule.verbs) verbs.add(verb);
    for (const resource of new Set(granted.rule.resources)) {
      let list = byResource.get(resource);
      if (!list) byResource.set(resource, (list = []));
      list.push({ position, granted });
    }
    if (granted.rule.nonResourceURLs.length > 0) nonResource.push({ position, granted });
  });
  const index = { verbs, byResource, nonResource };
  indexes.set(rules, index);
  return index;
}

/**
 * The first rule, in role order, that allows the request: the same answer as scanning every rule
 * with `ruleAllows`, but only rules whose resources could match (`*`, the exact resource, or the
 * `*` + subresource form) are tested. Indexes are built once per rule list.
 */
export function firstAllowingRule(
  rules: readonly GrantedRule[],
  request: AuthorizationRequest,
): GrantedRule | undefined {
  const index = indexRules(rules);
  if (!index.verbs.has(request.verb) && !index.verbs.has('*')) return undefined;
  let candidates: readonly (readonly Entry[] | undefined)[];
  if (request.kind === 'nonResource') candidates = [index.nonResource];
  else {
    const combined =
      request.subresource === '' ? request.resource : `${request.resource}/${request.subresource}`;
    candidates = [
      index.byResource.get(combined),
      index.byResource.get('*'),
      request.subresource === '' ? undefined : index.byResource.get(`*/${request.subresource}`),
    ];
  }
  let best: Entry | undefined;
  for (const list of candidates) {
    for (const entry of list ?? []) {
      if (best !== undefined && entry.position >= best.position) break;
      if (ruleAllows(entry.granted.rule, request)) {
        best = entry;
        break;
      }
    }
  }
  return best?.granted;
}
