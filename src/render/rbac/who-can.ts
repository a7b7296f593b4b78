import { escapeControls } from '../../model/terminal-text.ts';
import { describeGrantedRule } from '../../rbac/grants.ts';
import type { AuthorizationRequest } from '../../rbac/request.ts';
import { subjectNamespace } from '../../rbac/subject.ts';
import type { WhoCanEntry, WhoCanResult } from '../../rbac/who-can.ts';
import { renderColumns } from '../columns.ts';

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
 * Columns are two spaces apart, as kubectl-who-can prints them.
 */
export function renderWhoCan(
  request: AuthorizationRequest,
  result: WhoCanResult,
  wide: boolean,
  width = Number.POSITIVE_INFINITY,
): string {
  const none = (via: string): string =>
    `No subjects found with permissions to ${escapeControls(`${request.verb} ${target(request)}`)} assigned through ${via}\n`;
  const section = (
    via: 'RoleBindings' | 'ClusterRoleBindings',
    entries: readonly WhoCanEntry[],
    bindingHeader: readonly string[],
    bindingCells: (entry: WhoCanEntry) => readonly string[],
  ): string =>
    entries.length === 0
      ? none(via)
      : renderColumns(
          [
            [...bindingHeader, 'SUBJECT', 'TYPE', 'SA-NAMESPACE', ...(wide ? ['ROLE'] : [])],
            ...entries.map((entry) =>
              [
                ...bindingCells(entry),
                entry.subject.name,
                entry.subject.kind,
                saNamespace(entry),
                ...(wide ? [`${entry.role.kind}/${entry.role.name}`] : []),
              ].map((cell) => escapeControls(cell)),
            ),
          ],
          { gap: 2, width },
        );
  const roleBindings = section('RoleBindings', result.roleBindings, ['ROLEBINDING', 'NAMESPACE'], (entry) => [
    entry.binding.name,
    entry.binding.namespace,
  ]);
  const clusterRoleBindings = section(
    'ClusterRoleBindings',
    result.clusterRoleBindings,
    ['CLUSTERROLEBINDING'],
    (entry) => [entry.binding.name],
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
