import type { AttackPath } from './attack-paths.ts';
import { describeChain } from './attack-paths.ts';
import { describeGrantedRule } from './grants.ts';
import { describeObject } from './model.ts';
import type { AuthorizationRequest } from './request.ts';
import type { RulesRow } from './rules-review.ts';
import { goList } from './rules-review.ts';
import { subjectNamespace } from './subject.ts';
import type { WhoCanEntry, WhoCanResult } from './who-can.ts';

/** Lays rows out in columns the way Go's tabwriter does with the given padding. */
export function columns(rows: readonly (readonly string[])[], padding: number): string {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, index) => (widths[index] = Math.max(widths[index] ?? 0, cell.length)));
  return rows
    .map((row) =>
      row
        .map((cell, index) => (index === row.length - 1 ? cell : cell.padEnd((widths[index] ?? 0) + padding)))
        .join('')
        .trimEnd(),
    )
    .map((line) => `${line}\n`)
    .join('');
}

function target(request: AuthorizationRequest): string {
  if (request.kind === 'nonResource') return request.path;
  const group = request.apiGroup === '' ? '' : `.${request.apiGroup}`;
  const sub = request.subresource === '' ? '' : `/${request.subresource}`;
  return `${request.resource}${group}${sub}${request.name === '' ? '' : `/${request.name}`}`;
}

function saNamespace(entry: WhoCanEntry): string {
  return entry.subject.kind === 'ServiceAccount'
    ? subjectNamespace(entry.subject, entry.binding.namespace)
    : '';
}

/**
 * `kubectl who-can` output: the RoleBindings section (omitted for non-resource URLs), then the
 * ClusterRoleBindings section, each a table or the "No subjects found" line. `wide` adds the role.
 */
export function renderWhoCan(request: AuthorizationRequest, result: WhoCanResult, wide: boolean): string {
  const none = (via: string): string =>
    `No subjects found with permissions to ${request.verb} ${target(request)} assigned through ${via}\n`;
  const role = (entry: WhoCanEntry): string[] => (wide ? [`${entry.role.kind}/${entry.role.name}`] : []);
  const roleHeader = wide ? ['ROLE'] : [];
  const roleBindings =
    result.roleBindings.length === 0
      ? none('RoleBindings')
      : columns(
          [
            ['ROLEBINDING', 'NAMESPACE', 'SUBJECT', 'TYPE', 'SA-NAMESPACE', ...roleHeader],
            ...result.roleBindings.map((entry) => [
              entry.binding.name,
              entry.binding.namespace,
              entry.subject.name,
              entry.subject.kind,
              saNamespace(entry),
              ...role(entry),
            ]),
          ],
          2,
        );
  const clusterRoleBindings =
    result.clusterRoleBindings.length === 0
      ? none('ClusterRoleBindings')
      : columns(
          [
            ['CLUSTERROLEBINDING', 'SUBJECT', 'TYPE', 'SA-NAMESPACE', ...roleHeader],
            ...result.clusterRoleBindings.map((entry) => [
              entry.binding.name,
              entry.subject.name,
              entry.subject.kind,
              saNamespace(entry),
              ...role(entry),
            ]),
          ],
          2,
        );
  return request.kind === 'nonResource' ? clusterRoleBindings : `${roleBindings}\n${clusterRoleBindings}`;
}

/** The JSON form of a who-can answer: one object per row, with the rule that grants it. */
export function whoCanJson(result: WhoCanResult): unknown {
  const row = (entry: WhoCanEntry): unknown => ({
    binding: { kind: entry.binding.kind, namespace: entry.binding.namespace, name: entry.binding.name },
    subject: { kind: entry.subject.kind, name: entry.subject.name, namespace: saNamespace(entry) },
    role: { kind: entry.role.kind, name: entry.role.name },
    rule: describeGrantedRule(entry.role, entry.rule),
  });
  return {
    roleBindings: result.roleBindings.map(row),
    clusterRoleBindings: result.clusterRoleBindings.map(row),
  };
}

/** `kubectl auth can-i --list` output (tabwriter padding 3, Go list formatting). */
export function renderRulesList(rows: readonly RulesRow[]): string {
  return columns(
    [
      ['Resources', 'Non-Resource URLs', 'Resource Names', 'Verbs'],
      ...rows.map((row) => [
        row.resources,
        goList(row.nonResourceURLs),
        goList(row.resourceNames),
        goList(row.verbs),
      ]),
    ],
    3,
  );
}

/** One block per workload: identity, token, and the chains to cluster-admin-equivalent goals. */
export function renderAttackPaths(paths: readonly AttackPath[]): string {
  const rows: string[][] = [['WORKLOAD', 'NAMESPACE', 'SERVICEACCOUNT', 'TOKEN', 'REACHES']];
  const chains: string[] = [];
  for (const { identity, escalations } of paths) {
    const { resource } = identity.workload;
    rows.push([
      `${resource.kind}/${resource.name}`,
      identity.workload.namespace,
      identity.serviceAccount,
      identity.tokenMounted ? 'mounted' : 'not mounted',
      escalations.length === 0 ? '-' : escalations.map((escalation) => escalation.goal).join(', '),
    ]);
    if (identity.tokenMounted)
      for (const escalation of escalations) chains.push(`  ${describeChain(identity, escalation)}\n`);
  }
  return columns(rows, 2) + (chains.length === 0 ? '' : `\nChains:\n${chains.join('')}`);
}

/** The JSON form of the attack paths. */
export function attackPathsJson(paths: readonly AttackPath[]): unknown {
  return paths.map(({ identity, escalations }) => ({
    workload: {
      kind: identity.workload.resource.kind,
      namespace: identity.workload.namespace,
      name: identity.workload.resource.name,
    },
    serviceAccount: identity.serviceAccount,
    tokenMounted: identity.tokenMounted,
    escalations: escalations.map((escalation) => ({
      goal: escalation.goal,
      chain: describeChain(identity, escalation),
      grants: escalation.grants.map(({ grant }) => ({
        binding: describeObject(grant.binding),
        role: describeObject(grant.role),
        rule: describeGrantedRule(grant.role, grant.rule),
      })),
    })),
  }));
}
