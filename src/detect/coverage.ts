import type { ExprNode } from './ast.ts';
import type { AuditPolicy, AuditRequest, PolicyDecision } from './audit-policy.ts';
import { decide, readAuditPolicy } from './audit-policy.ts';
import type { Alternative, Dimension } from './rule-constraints.ts';
import { alternatives, LEVELS } from './rule-constraints.ts';

/** What coverage needs of a loaded rule. */
export interface CoverageRule {
  readonly info: { readonly name: string };
  readonly ast: ExprNode;
}

/** The API groups of the resources Falco's rules name; other resources try every group the policy names. */
const RESOURCE_GROUPS: Readonly<Record<string, string>> = {
  pods: '',
  services: '',
  configmaps: '',
  secrets: '',
  namespaces: '',
  serviceaccounts: '',
  nodes: '',
  deployments: 'apps',
  daemonsets: 'apps',
  replicasets: 'apps',
  statefulsets: 'apps',
  roles: 'rbac.authorization.k8s.io',
  rolebindings: 'rbac.authorization.k8s.io',
  clusterroles: 'rbac.authorization.k8s.io',
  clusterrolebindings: 'rbac.authorization.k8s.io',
  ingresses: 'networking.k8s.io',
};

/**
 * The subresources of the built-in resources Falco's rules name (the Kubernetes API reference):
 * a request on one of these resources has no other subresource.
 */
const SUBRESOURCES: Readonly<Record<string, readonly string[]>> = {
  pods: [
    'attach',
    'binding',
    'ephemeralcontainers',
    'eviction',
    'exec',
    'log',
    'portforward',
    'proxy',
    'resize',
    'status',
  ],
  services: ['proxy', 'status'],
  nodes: ['proxy', 'status'],
  namespaces: ['finalize', 'status'],
  serviceaccounts: ['token'],
  deployments: ['scale', 'status'],
  daemonsets: ['status'],
  replicasets: ['scale', 'status'],
  statefulsets: ['scale', 'status'],
  ingresses: ['status'],
  configmaps: [],
  secrets: [],
  roles: [],
  rolebindings: [],
  clusterroles: [],
  clusterrolebindings: [],
};

/** The built-in resources that have a subresource. */
function ownersOf(subresource: string): string[] {
  return Object.keys(SUBRESOURCES).filter((r) => SUBRESOURCES[r]?.includes(subresource));
}

const OTHER = '\u0000other';
const STAGES = ['RequestReceived', 'ResponseStarted', 'ResponseComplete', 'Panic'];

/** The values worth trying per attribute: every value the policy names, plus one it names nowhere. */
interface Candidates {
  readonly verbs: readonly string[];
  readonly resources: readonly string[];
  readonly subresources: readonly string[];
  readonly groups: readonly string[];
  readonly namespaces: readonly string[];
  readonly names: readonly string[];
  readonly users: readonly string[];
  readonly userGroups: readonly (readonly string[])[];
  readonly paths: readonly string[];
}

function candidates(policy: AuditPolicy): Candidates {
  const set = (values: Iterable<string>, ...extra: string[]): string[] => [...new Set([...values, ...extra])];
  const rules = policy.rules;
  const resources = rules.flatMap((r) => r.resources.flatMap((g) => g.resources));
  return {
    verbs: set(
      rules.flatMap((r) => r.verbs),
      OTHER,
    ),
    resources: set(
      resources.map((r) => r.split('/')[0] as string).filter((r) => r !== '*'),
      OTHER,
    ),
    subresources: set(
      resources.map((r) => r.split('/')[1] ?? '').filter((s) => s !== '*'),
      '',
      OTHER,
    ),
    groups: set(
      rules.flatMap((r) => r.resources.map((g) => g.group)),
      '',
      OTHER,
    ),
    namespaces: set(
      rules.flatMap((r) => r.namespaces),
      '',
      OTHER,
    ),
    names: set(
      rules.flatMap((r) => r.resources.flatMap((g) => g.resourceNames)),
      OTHER,
    ),
    users: set(
      rules.flatMap((r) => r.users),
      OTHER,
    ),
    userGroups: [[], ...set(rules.flatMap((r) => r.userGroups)).map((g) => [g])],
    paths: set(
      rules.flatMap((r) => r.nonResourceURLs.map((p) => (p.endsWith('*') ? p.slice(0, -1) : p))),
      OTHER,
    ),
  };
}

function pinned(alt: Alternative, dim: Dimension, fallback: readonly string[]): readonly string[] {
  const values = alt.dims[dim];
  return values ? [...values] : fallback;
}

/** The resources worth trying: those pinned; else, for built-in subresources, their owners; else all. */
function resourceCandidates(alt: Alternative, c: Candidates): readonly string[] {
  const resources = alt.dims.resource;
  if (resources) return [...resources];
  const subresources = alt.dims.subresource;
  if (!subresources) return c.resources;
  const owners = [...subresources].map(ownersOf);
  return owners.every((o) => o.length > 0) ? [...new Set(owners.flat())] : c.resources;
}

/** Every request an alternative allows, as far as the policy can tell them apart. */
function* requests(alt: Alternative, c: Candidates): Generator<AuditRequest> {
  const resourcePinned = alt.dims.resource !== undefined || alt.dims.subresource !== undefined;
  const uriPinned = alt.dims.uri !== undefined;
  for (const user of pinned(alt, 'user', c.users))
    for (const groups of c.userGroups)
      for (const verb of pinned(alt, 'verb', c.verbs)) {
        if (!resourcePinned)
          for (const path of pinned(alt, 'uri', c.paths)) yield { user, groups, verb, path };
        if (uriPinned && !resourcePinned) continue;
        for (const resource of resourceCandidates(alt, c)) {
          const known = RESOURCE_GROUPS[resource];
          const subresources = SUBRESOURCES[resource];
          for (const group of known === undefined ? c.groups : [known])
            for (const subresource of pinned(
              alt,
              'subresource',
              subresources ? ['', ...subresources] : c.subresources,
            )) {
              if (subresources && subresource !== '' && !subresources.includes(subresource)) continue;
              for (const namespace of pinned(alt, 'namespace', c.namespaces))
                for (const name of c.names)
                  yield {
                    user,
                    groups,
                    verb,
                    path: '',
                    resource: { group, resource, subresource, namespace, name },
                  };
            }
        }
      }
}

interface Verdict {
  readonly canFire: boolean;
  /** How close a request came: the level it got, for choosing the reason to show. */
  readonly score: number;
  readonly reason?: string;
}

function describe(request: AuditRequest): string {
  const r = request.resource;
  const verb = request.verb === OTHER ? 'any request' : request.verb;
  if (!r)
    return `${verb === 'any request' ? 'any request to' : verb} ${request.path === OTHER ? 'a non-resource URL' : request.path}`;
  const resource = r.resource === OTHER ? 'any resource' : r.resource;
  const what =
    r.subresource === '' ? resource : `${resource}/${r.subresource === OTHER ? '*' : r.subresource}`;
  return `${verb === 'any request' ? 'any request on' : verb} ${what}`;
}

function judge(alt: Alternative, request: AuditRequest, decision: PolicyDecision): Verdict {
  const by = decision.rule === 0 ? 'no policy rule matches' : `policy rule ${decision.rule}`;
  if (decision.level === 'None')
    return {
      canFire: false,
      score: 0,
      reason: `the audit policy logs ${describe(request)} at level None (${by})`,
    };
  const needed = LEVELS.indexOf(alt.level);
  const got = LEVELS.indexOf(decision.level);
  if (got < needed)
    return {
      canFire: false,
      score: got,
      reason: `reads ${alt.reason ?? 'request data'}, which needs level ${alt.level}, but the audit policy logs ${describe(request)} at level ${decision.level} (${by})`,
    };
  const stages = pinned(alt, 'stage', STAGES);
  if (stages.every((s) => decision.omitStages.has(s)))
    return {
      canFire: false,
      score: got + 0.5,
      reason: `needs stage ${stages.join(' or ')}, which the audit policy omits for ${describe(request)} (${by})`,
    };
  return { canFire: true, score: 10 };
}

/** Whether a rule can fire under the policy: some request it allows gets a level and stage it needs. */
function coverage(
  rule: CoverageRule,
  macros: ReadonlyMap<string, ExprNode>,
  policy: AuditPolicy,
  c: Candidates,
): Verdict {
  let best: Verdict | undefined;
  for (const alt of alternatives(rule.ast, macros))
    for (const request of requests(alt, c)) {
      const verdict = judge(alt, request, decide(policy, request));
      if (verdict.canFire) return verdict;
      if (!best || verdict.score > best.score) best = verdict;
    }
  return best ?? { canFire: false, score: 0, reason: 'its condition can never hold' };
}

/** For each rule: whether the audit Policy lets through an event it can match, and if not, why. */
export function ruleCoverageOf(
  rules: readonly CoverageRule[],
  macros: ReadonlyMap<string, ExprNode>,
  auditPolicy: unknown,
): readonly { rule: string; canFire: boolean; reason?: string }[] {
  const policy = readAuditPolicy(auditPolicy);
  const c = candidates(policy);
  return rules.map((rule) => {
    const verdict = coverage(rule, macros, policy, c);
    return verdict.canFire || verdict.reason === undefined
      ? { rule: rule.info.name, canFire: verdict.canFire }
      : { rule: rule.info.name, canFire: false, reason: verdict.reason };
  });
}
