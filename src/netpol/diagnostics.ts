import type { Diagnostic } from '../model/diagnostic.ts';
import type { Inventory } from '../model/inventory.ts';
import { ofKind } from '../model/inventory.ts';
import type { LabelProblem } from '../model/label-validation.ts';
import { labelMapProblems, labelSelectorProblems, unknownSelectorFields } from '../model/label-validation.ts';
import type { FieldPath } from '../model/path.ts';
import { isRecord } from '../model/path.ts';
import type { Resource } from '../model/resource.ts';
import type { AdminPeer, AdminPolicy } from './admin-policy.ts';
import type { NetpolModel } from './engine.ts';

function at(resource: Resource, level: Diagnostic['level'], path: FieldPath, message: string): Diagnostic {
  const position = resource.origin.locate(path);
  return { level, file: resource.origin.file, line: position.line, column: position.column, message };
}

function adminPeerSelectors(peer: AdminPeer): [FieldPath, unknown][] {
  if (peer.type === 'namespaces') return [[[...peer.path, 'namespaces'], peer.namespaceSelector]];
  if (peer.type === 'nodes') return [[[...peer.path, 'nodes'], peer.nodeSelector]];
  if (peer.type === 'pods')
    return [
      [[...peer.path, 'pods', 'namespaceSelector'], peer.namespaceSelector],
      [[...peer.path, 'pods', 'podSelector'], peer.podSelector],
    ];
  return [];
}

function subjectSelectors(policy: AdminPolicy): [FieldPath, unknown][] {
  const subject = policy.subject;
  if (subject.type === 'namespaces') return [[['spec', 'subject', 'namespaces'], subject.namespaceSelector]];
  if (subject.type === 'pods')
    return [
      [['spec', 'subject', 'pods', 'namespaceSelector'], subject.namespaceSelector],
      [['spec', 'subject', 'pods', 'podSelector'], subject.podSelector],
    ];
  return [];
}

/**
 * What the netpol commands report about their input besides the loader's diagnostics:
 * - errors: labels and label selectors the API server would reject (pod templates, Namespaces,
 *   NetworkPolicies, ANPs, the BANP and ClusterNetworkPolicies), with apimachinery's rule; such an
 *   object cannot exist;
 * - warnings: NetworkPolicy, ANP/BANP and CNP parts that are invalid or left out (their `problems`),
 *   policies of one tier sharing a priority, BANPs not named default, CNPs without a known tier, and
 *   objects of API versions not evaluated.
 */
export function netpolDiagnostics(inventory: Inventory, model: NetpolModel): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const labelErrors = (resource: Resource, what: string, problems: readonly LabelProblem[]): void => {
    for (const problem of problems)
      diagnostics.push(at(resource, 'error', problem.path, `${what}: ${problem.message}`));
  };
  for (const podClass of model.pods.classes)
    for (const workload of podClass.workloads)
      labelErrors(
        workload.resource,
        `${workload.resource.kind} ${workload.namespace}/${workload.resource.name}`,
        labelMapProblems(workload.podMetadata.labels, [...workload.metadataPath, 'labels']),
      );
  for (const namespace of ofKind(inventory, 'Namespace')) {
    const metadata = isRecord(namespace.object.metadata) ? namespace.object.metadata : {};
    labelErrors(
      namespace,
      `Namespace ${namespace.name}`,
      labelMapProblems(metadata.labels, ['metadata', 'labels']),
    );
  }
  for (const policy of model.policies) {
    const what = `NetworkPolicy ${policy.namespace}/${policy.name}`;
    labelErrors(policy.resource, what, labelSelectorProblems(policy.podSelector, ['spec', 'podSelector']));
    for (const rule of [...policy.ingress, ...policy.egress])
      for (const peer of rule.peers ?? [])
        if (peer.type === 'pods') {
          labelErrors(
            policy.resource,
            what,
            labelSelectorProblems(peer.podSelector, [...peer.path, 'podSelector']),
          );
          labelErrors(
            policy.resource,
            what,
            labelSelectorProblems(peer.namespaceSelector, [...peer.path, 'namespaceSelector']),
          );
        }
    for (const problem of policy.problems)
      diagnostics.push(at(policy.resource, 'warning', problem.path, `${what}: ${problem.message}`));
  }
  const { admin, baseline, problems } = model.admin.policies;
  for (const policy of [...admin, ...baseline]) {
    const what = `${policy.kind} ${policy.name}`;
    const selectors = [
      ...subjectSelectors(policy),
      ...[...policy.ingress, ...policy.egress].flatMap((rule) => rule.peers.flatMap(adminPeerSelectors)),
    ];
    labelErrors(
      policy.resource,
      what,
      selectors.flatMap(([path, selector]) => labelSelectorProblems(selector, path)),
    );
    for (const problem of selectors.flatMap(([path, selector]) => unknownSelectorFields(selector, path)))
      diagnostics.push(at(policy.resource, 'warning', problem.path, `${what}: ${problem.message}`));
    for (const problem of policy.problems)
      diagnostics.push(at(policy.resource, 'warning', problem.path, `${what}: ${problem.message}`));
    for (const rule of policy.egress)
      for (const peer of rule.peers)
        if (peer.type === 'domainNames')
          diagnostics.push(
            at(
              policy.resource,
              'note',
              peer.path,
              `${what}: rule ${rule.name} allows domain names (${peer.domainNames.join(', ')}): they are not resolved, so the matrix shows no address for them`,
            ),
          );
  }
  for (const problem of problems)
    diagnostics.push(at(problem.resource, 'warning', problem.path, problem.message));
  return diagnostics;
}
