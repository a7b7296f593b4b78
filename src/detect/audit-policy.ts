import type { Level } from './rule-constraints.ts';
import { LEVELS } from './rule-constraints.ts';

/** One audit request as an audit Policy sees it. */
export interface AuditRequest {
  readonly user: string;
  readonly groups: readonly string[];
  readonly verb: string;
  /** Absent for a non-resource request. */
  readonly resource?: {
    readonly group: string;
    readonly resource: string;
    readonly subresource: string;
    readonly namespace: string;
    readonly name: string;
  };
  readonly path: string;
}

/** The policy's decision for a request: level, stages omitted, and which rule decided (1-based; 0: none). */
export interface PolicyDecision {
  readonly level: Level;
  readonly omitStages: ReadonlySet<string>;
  readonly rule: number;
}

interface PolicyRule {
  readonly level: Level;
  readonly users: readonly string[];
  readonly userGroups: readonly string[];
  readonly verbs: readonly string[];
  readonly resources: readonly {
    group: string;
    resources: readonly string[];
    resourceNames: readonly string[];
  }[];
  readonly namespaces: readonly string[];
  readonly nonResourceURLs: readonly string[];
  readonly omitStages: readonly string[];
}

/** An audit Policy read for evaluation. */
export interface AuditPolicy {
  readonly rules: readonly PolicyRule[];
  readonly omitStages: readonly string[];
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function record(value: unknown): Readonly<Record<string, unknown>> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** Reads an audit.k8s.io/v1 Policy object; an unknown level counts as None. */
export function readAuditPolicy(value: unknown): AuditPolicy {
  const policy = record(value);
  const rules = Array.isArray(policy.rules) ? policy.rules : [];
  return {
    omitStages: strings(policy.omitStages),
    rules: rules.map((raw: unknown): PolicyRule => {
      const rule = record(raw);
      const level = LEVELS.find((l) => l === rule.level) ?? 'None';
      return {
        level,
        users: strings(rule.users),
        userGroups: strings(rule.userGroups),
        verbs: strings(rule.verbs),
        resources: (Array.isArray(rule.resources) ? rule.resources : []).map((r: unknown) => {
          const gr = record(r);
          return {
            group: typeof gr.group === 'string' ? gr.group : '',
            resources: strings(gr.resources),
            resourceNames: strings(gr.resourceNames),
          };
        }),
        namespaces: strings(rule.namespaces),
        nonResourceURLs: strings(rule.nonResourceURLs),
        omitStages: strings(rule.omitStages),
      };
    }),
  };
}

/** `ruleMatchesResource` of k8s.io/apiserver pkg/audit/policy/checker.go: `pods`, `pods/log`, `*\/status`, `pods/*`. */
function resourceMatches(rule: PolicyRule, request: NonNullable<AuditRequest['resource']>): boolean {
  if (rule.namespaces.length > 0 && !rule.namespaces.includes(request.namespace)) return false;
  if (rule.resources.length === 0) return true;
  const full = request.subresource === '' ? request.resource : `${request.resource}/${request.subresource}`;
  return rule.resources.some((gr) => {
    if (gr.group !== request.group) return false;
    if (gr.resources.length === 0) return true;
    const named = gr.resourceNames.length === 0 || gr.resourceNames.includes(request.name);
    return (
      named &&
      gr.resources.some(
        (r) =>
          r === full ||
          r === '*' ||
          (request.subresource !== '' && r === `*/${request.subresource}`) ||
          r === `${request.resource}/*`,
      )
    );
  });
}

function pathMatches(patterns: readonly string[], path: string): boolean {
  return patterns.some(
    (p) => p === '*' || p === path || (p.endsWith('*') && path.startsWith(p.slice(0, -1))),
  );
}

/** `policyRuleEvaluator.EvaluatePolicyRule`: the first rule that matches decides; none is level None. */
export function decide(policy: AuditPolicy, request: AuditRequest): PolicyDecision {
  for (const [i, rule] of policy.rules.entries()) {
    if (rule.users.length > 0 && !rule.users.includes(request.user)) continue;
    if (rule.userGroups.length > 0 && !request.groups.some((g) => rule.userGroups.includes(g))) continue;
    if (rule.verbs.length > 0 && !rule.verbs.includes(request.verb)) continue;
    if (rule.resources.length > 0 || rule.namespaces.length > 0) {
      if (!request.resource || !resourceMatches(rule, request.resource)) continue;
    } else if (rule.nonResourceURLs.length > 0) {
      if (request.resource || !pathMatches(rule.nonResourceURLs, request.path)) continue;
    }
    return {
      level: rule.level,
      omitStages: new Set([...policy.omitStages, ...rule.omitStages]),
      rule: i + 1,
    };
  }
  return { level: 'None', omitStages: new Set(policy.omitStages), rule: 0 };
}
