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
  if (request.kind === 'nonResource') return firstIn(index.nonResource, request, undefined)?.granted;
  const { resource, subresource } = request;
  let best = firstIn(
    index.byResource.get(subresource === '' ? resource : `${resource}/${subresource}`),
    request,
    undefined,
  );
  best = firstIn(index.byResource.get('*'), request, best);
  if (subresource !== '') best = firstIn(index.byResource.get(`*/${subresource}`), request, best);
  return best?.granted;
}

/** The first entry of `list` allowing the request if it comes before `best`, else `best`. */
function firstIn(
  list: readonly Entry[] | undefined,
  request: AuthorizationRequest,
  best: Entry | undefined,
): Entry | undefined {
  for (const entry of list ?? []) {
    if (best !== undefined && entry.position >= best.position) break;
    if (ruleAllows(entry.granted.rule, request)) return entry;
  }
  return best;
}
