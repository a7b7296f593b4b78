import type { Diagnostic } from './diagnostic.ts';
import { isRecord } from './path.ts';
import type { Resource } from './resource.ts';
import { apiGroup } from './resource.ts';
import { isClusterScoped } from './scope.ts';
import { staticPodEvidence, staticPodPathsOf } from './static-pod.ts';

/**
 * Who an object is in a cluster: API group, kind, namespace (the fallback for a namespaced object that
 * names none) and name; undefined for an object without a `metadata.name` (a `generateName` creates a
 * new object each time) and for a static pod, which belongs to one node: every control-plane node has
 * a `kube-apiserver` manifest, and their mirror pods get the node's name as a suffix.
 */
function identityOf(
  resource: Resource,
  fallbackNamespace: string,
  staticPodPaths: readonly string[],
): string | undefined {
  const metadata = isRecord(resource.object.metadata) ? resource.object.metadata : {};
  if (typeof metadata.name !== 'string' || metadata.name === '') return undefined;
  if (staticPodEvidence(resource, staticPodPaths) !== undefined) return undefined;
  const namespace = isClusterScoped(resource.kind) ? '' : (resource.namespace ?? fallbackNamespace);
  return identityKey(apiGroup(resource.apiVersion), resource.kind, namespace, metadata.name);
}

/**
 * One string per group, kind, namespace and name: joined by line breaks when none holds one (names
 * never do), else as JSON, which holds no raw line break, so the two forms never meet.
 */
function identityKey(group: string, kind: string, namespace: string, name: string): string {
  if (group.includes('\n') || kind.includes('\n') || namespace.includes('\n') || name.includes('\n'))
    return JSON.stringify([group, kind, namespace, name]);
  return `${group}\n${kind}\n${namespace}\n${name}`;
}

/** `file:line:col` of where an object starts. */
function where(resource: Resource): string {
  const { line, column } = resource.origin.locate([]);
  return `${resource.origin.file}:${String(line)}:${String(column)}`;
}

/** `Deployment shop/web`, or `ClusterRole admin` for a cluster-scoped kind. */
function describe(resource: Resource, fallbackNamespace: string): string {
  const namespace = isClusterScoped(resource.kind) ? '' : `${resource.namespace ?? fallbackNamespace}/`;
  return `${resource.kind} ${namespace}${resource.name}`;
}

/**
 * Only one object of a kind, namespace and name can exist in a cluster: of several in the input, the
 * last one is kept, as a `kubectl apply` of the whole input would leave it, and each earlier one is
 * dropped with a warning at its place naming where the kept one is. An object met again at the very
 * same place (a base that several kustomizations in a walk build, a file named twice) is one manifest,
 * not a conflict: those are dropped with one note for all. Configuration files (role `config`) and
 * static pod manifests, one per node, are never duplicates. Input order is kept otherwise.
 */
export function withoutDuplicates(
  resources: readonly Resource[],
  fallbackNamespace: string,
): { readonly kept: readonly Resource[]; readonly diagnostics: readonly Diagnostic[] } {
  const staticPodPaths = staticPodPathsOf(resources);
  const identities = resources.map((resource) =>
    resource.role === 'object' ? identityOf(resource, fallbackNamespace, staticPodPaths) : undefined,
  );
  const last = new Map<string, Resource>();
  resources.forEach((resource, i) => {
    const identity = identities[i];
    if (identity !== undefined) last.set(identity, resource);
  });
  const kept: Resource[] = [];
  const samePlace: Resource[] = [];
  const byFile = new Map<string, { resource: Resource; winner: Resource }[]>();
  resources.forEach((resource, i) => {
    const identity = identities[i];
    const winner = identity === undefined ? undefined : last.get(identity);
    if (winner === undefined || winner === resource) kept.push(resource);
    else if (where(resource) === where(winner)) samePlace.push(resource);
    else {
      const dropped = byFile.get(resource.origin.file) ?? [];
      dropped.push({ resource, winner });
      byFile.set(resource.origin.file, dropped);
    }
  });
  const diagnostics: Diagnostic[] = [];
  for (const dropped of byFile.values()) {
    const [first] = dropped;
    if (first !== undefined && dropped.length >= GROUPED_FROM)
      diagnostics.push(declaredAgainMany(first, dropped.length, fallbackNamespace));
    else
      for (const { resource, winner } of dropped)
        diagnostics.push(
          at(
            resource,
            'warning',
            `${describe(resource, fallbackNamespace)} is declared again at ${where(winner)}: only one can exist in a cluster, so this one is ignored and the later one is kept, as kubectl apply would`,
          ),
        );
  }
  const [metAgain] = samePlace;
  if (metAgain !== undefined) diagnostics.push(builtAgain(metAgain, samePlace.length, fallbackNamespace));
  return { kept, diagnostics };
}

/** How many objects of one file declared again later make one warning for the file, not one each. */
const GROUPED_FROM = 4;

/** A diagnostic at the start of an object. */
function at(resource: Resource, level: Diagnostic['level'], message: string): Diagnostic {
  const { line, column } = resource.origin.locate([]);
  return { level, file: resource.origin.file, line, column, message };
}

/** The one warning for the many objects of a file that are declared again later in the input. */
function declaredAgainMany(
  { resource, winner }: { resource: Resource; winner: Resource },
  count: number,
  fallbackNamespace: string,
): Diagnostic {
  return at(
    resource,
    'warning',
    `${String(count)} objects of this file are declared again later in the input, starting with ${describe(resource, fallbackNamespace)} (again at ${where(winner)}): only one of each can exist in a cluster, so these are ignored and the later ones kept, as kubectl apply would`,
  );
}

/** The one note for the objects met again at the place they were first met. */
function builtAgain(first: Resource, count: number, fallbackNamespace: string): Diagnostic {
  const objects =
    count === 1
      ? describe(first, fallbackNamespace)
      : `${String(count)} objects, such as ${describe(first, fallbackNamespace)},`;
  return at(
    first,
    'note',
    `${objects} came from the same manifest more than once (built by several kustomizations, or a file named twice): each is checked once, as it was last built; scan overlays one at a time to check each variant`,
  );
}
