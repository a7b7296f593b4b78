import type { Diagnostic } from './diagnostic.ts';
import { isRecord } from './path.ts';
import type { Resource } from './resource.ts';
import { apiGroup } from './resource.ts';

const BINDING_KINDS = new Set(['RoleBinding', 'ClusterRoleBinding']);

/** A binding's subject that names a ServiceAccount in an explicit namespace. */
interface ServiceAccountSubject {
  readonly binding: Resource;
  readonly index: number;
  readonly namespace: string;
  readonly name: string;
}

function serviceAccountSubjects(binding: Resource): ServiceAccountSubject[] {
  const subjects = binding.object.subjects;
  if (!Array.isArray(subjects)) return [];
  return subjects.flatMap((subject: unknown, index) =>
    isRecord(subject) &&
    subject.kind === 'ServiceAccount' &&
    typeof subject.name === 'string' &&
    typeof subject.namespace === 'string' &&
    subject.namespace !== ''
      ? [{ binding, index, namespace: subject.namespace, name: subject.name }]
      : [],
  );
}

/**
 * Install bundles meant for `kubectl apply -n NS` declare their ServiceAccounts without a namespace
 * while their bindings name them as `namespace: NS`. Read with another default namespace, those
 * ServiceAccounts land elsewhere and the bindings grant nothing to the pods that use them. One
 * warning per such NS, at the first subject naming it, lists the ServiceAccounts and suggests
 * `--default-namespace NS`. A subject is counted only when the input declares its ServiceAccount
 * without a namespace and declares none of that name in NS.
 */
export function namespaceHints(resources: readonly Resource[], fallbackNamespace: string): Diagnostic[] {
  const unplaced = new Set<string>();
  const placed = new Set<string>();
  const subjects: ServiceAccountSubject[] = [];
  for (const resource of resources) {
    if (resource.kind === 'ServiceAccount' && resource.apiVersion === 'v1') {
      if (resource.namespace === undefined) unplaced.add(resource.name);
      placed.add(JSON.stringify([resource.namespace ?? fallbackNamespace, resource.name]));
    } else if (
      BINDING_KINDS.has(resource.kind) &&
      apiGroup(resource.apiVersion) === 'rbac.authorization.k8s.io'
    ) {
      for (const subject of serviceAccountSubjects(resource)) subjects.push(subject);
    }
  }
  const byNamespace = new Map<
    string,
    { first: ServiceAccountSubject; names: Set<string>; bindings: Set<Resource> }
  >();
  for (const subject of subjects) {
    if (!unplaced.has(subject.name) || placed.has(JSON.stringify([subject.namespace, subject.name])))
      continue;
    const entry = byNamespace.get(subject.namespace);
    if (!entry) {
      const names = new Set([subject.name]);
      byNamespace.set(subject.namespace, { first: subject, names, bindings: new Set([subject.binding]) });
      continue;
    }
    entry.names.add(subject.name);
    entry.bindings.add(subject.binding);
  }
  return [...byNamespace].map(([namespace, { first, names, bindings }]) => {
    const { line, column } = first.binding.origin.locate(['subjects', first.index]);
    const one = names.size === 1;
    const accounts = `ServiceAccount${one ? '' : 's'} ${[...names].sort().join(', ')}`;
    const others = bindings.size - 1;
    const binders = `${first.binding.kind} ${first.binding.name}${others === 0 ? ' binds' : ` and ${String(others)} other binding${others === 1 ? '' : 's'} bind`}`;
    return {
      level: 'warning',
      file: first.binding.origin.file,
      line,
      column,
      message: `${binders} ${accounts} in namespace ${namespace}, but the input declares ${one ? 'it' : 'them'} without a namespace, so ${one ? 'it lands' : 'they land'} in ${fallbackNamespace} and ${one ? 'its' : 'their'} pods get none of these grants: if these manifests are meant for kubectl apply -n ${namespace}, pass --default-namespace ${namespace}`,
    };
  });
}
