import { escapeControls } from '../../model/terminal-text.ts';
import type { AttackPath } from '../../rbac/attack-paths.ts';
import { describeChain } from '../../rbac/attack-paths.ts';
import { describeGrantedRule } from '../../rbac/grants.ts';
import { describeObject } from '../../rbac/model.ts';
import { renderColumns } from '../columns.ts';

/** One block per workload: identity, token, and the chains to cluster-admin-equivalent goals. */
export function renderAttackPaths(paths: readonly AttackPath[], width = Number.POSITIVE_INFINITY): string {
  const rows: string[][] = [['WORKLOAD', 'NAMESPACE', 'SERVICEACCOUNT', 'TOKEN', 'REACHES']];
  const chains: string[] = [];
  for (const { identity, escalations } of paths) {
    const { resource } = identity.workload;
    rows.push(
      [
        `${resource.kind}/${resource.name}`,
        identity.workload.namespace,
        identity.serviceAccount,
        identity.tokenMounted ? 'mounted' : 'not mounted',
        escalations.length === 0 ? '-' : escalations.map((escalation) => escalation.goal).join(', '),
      ].map((cell) => escapeControls(cell)),
    );
    if (identity.tokenMounted)
      for (const escalation of escalations)
        chains.push(`  ${escapeControls(describeChain(identity, escalation))}\n`);
  }
  return renderColumns(rows, { width }) + (chains.length === 0 ? '' : `\nChains:\n${chains.join('')}`);
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
