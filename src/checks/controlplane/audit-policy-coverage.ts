import { isRestricted, levelOf, ruleMatches } from '../../controlplane/audit-policy.ts';
import type { AuditRequest } from '../../controlplane/audit-policy.ts';
import { getAt, isRecord } from '../../model/path.ts';
import type { Mapping } from '../../model/path.ts';
import type { Resource } from '../../model/resource.ts';
import type { InventoryCheck, InventoryViolation } from '../../model/check.ts';

/** Resources whose bodies are credentials: log them at Metadata only (CIS 3.2.2). */
const SENSITIVE: readonly AuditRequest[] = [
  { group: '', resource: 'secrets' },
  { group: '', resource: 'configmaps' },
  { group: 'authentication.k8s.io', resource: 'tokenreviews' },
];

/** Requests that open a shell or a tunnel into a pod: they must be audited. */
const INTERACTIVE: readonly AuditRequest[] = [
  { group: '', resource: 'pods', subresource: 'exec' },
  { group: '', resource: 'pods', subresource: 'attach' },
  { group: '', resource: 'pods', subresource: 'portforward' },
  { group: '', resource: 'pods', subresource: 'proxy' },
  { group: '', resource: 'services', subresource: 'proxy' },
];

/** An audit Policy must log everything at least at Metadata, never log credentials' bodies, and see exec/attach. */
export const auditPolicyCoverage: InventoryCheck = {
  id: 'audit-policy-coverage',
  title: 'Audit policy coverage',
  severity: 'medium',
  theme: 'rbac',
  description:
    'The first matching rule of an audit Policy decides the level. A meaningful policy ends with a catch-all rule at Metadata or more, ' +
    'logs Secrets, ConfigMaps and TokenReviews at Metadata only (Request or RequestResponse would copy credentials into the log), ' +
    'and never drops pods/exec, attach, portforward or proxy requests.',
  remediation:
    'Start from the Kubernetes docs example policy: Metadata for secrets, configmaps and tokenreviews, RequestResponse for pods/exec and attach, and a final catch-all `- level: Metadata`.',
  nsa: ['audit-logging'],
  references: ['CIS 3.2.2', 'https://kubernetes.io/docs/tasks/debug/debug-cluster/audit/'],
  cis: ['3.2.2'],
  target: 'inventory',
  *run({ inventory }) {
    for (const config of inventory.configs) {
      if (config.kind === 'Policy' && config.apiVersion.startsWith('audit.k8s.io/'))
        yield* policyViolations(config);
    }
  },
};

function* policyViolations(policy: Resource): Generator<InventoryViolation> {
  const raw = getAt(policy.object, ['rules']);
  const rules: Mapping[] = Array.isArray(raw) ? raw.filter(isRecord) : [];
  if (rules.length === 0) {
    yield { resource: policy, path: [], message: 'audit Policy has no rules, which the API server rejects' };
    return;
  }
  const catchAll = rules.findIndex(
    (rule) => !isRestricted(rule) && rule.resources === undefined && rule.nonResourceURLs === undefined,
  );
  const catchAllRule = catchAll === -1 ? undefined : rules[catchAll];
  if (!catchAllRule || levelOf(catchAllRule) === 'None')
    yield {
      resource: policy,
      path: catchAll === -1 ? ['rules'] : ['rules', catchAll, 'level'],
      message: 'audit Policy has no catch-all rule logging at least Metadata',
    };
  for (const request of SENSITIVE) {
    for (let index = 0; index < rules.length; index++) {
      const rule = rules[index];
      if (!rule || !ruleMatches(rule, request)) continue;
      const level = levelOf(rule);
      if (level === 'Request' || level === 'RequestResponse')
        yield {
          resource: policy,
          path: ['rules', index, 'level'],
          message: `audit Policy rule ${index} logs ${request.resource} at ${level}, copying their contents into the log`,
        };
      if (!isRestricted(rule)) break;
    }
  }
  for (const request of INTERACTIVE) {
    const index = rules.findIndex((rule) => !isRestricted(rule) && ruleMatches(rule, request));
    const rule = rules[index];
    if (rule && levelOf(rule) === 'None')
      yield {
        resource: policy,
        path: ['rules', index, 'level'],
        message: `audit Policy rule ${index} drops ${request.resource}/${request.subresource ?? ''} requests (level None)`,
      };
  }
}
