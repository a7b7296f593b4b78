import type { DerivedValues } from './derived.ts';
import { derivation, derived } from './derived.ts';
import type { Diagnostic } from './diagnostic.ts';
import { withoutDuplicates } from './duplicates.ts';
import { labelsOf } from './label-selector.ts';
import type { NodeFiles } from './node-files.ts';
import { NO_NODE_FILES } from './node-files.ts';
import { namespaceHints } from './namespace-hint.ts';
import type { NamespaceView } from './namespace.ts';
import { NAMESPACE_NAME_LABEL } from './namespace.ts';
import { formatPath, getAt, isRecord } from './path.ts';
import type { FieldPath } from './path.ts';
import { objectMetaShapeIssues, podSpecShapeIssues } from './field-shapes.ts';
import type { ShapeIssue } from './field-shapes.ts';
import type { Resource } from './resource.ts';
import { DEFAULT_NAMESPACE, isClusterScoped } from './scope.ts';
import type { Workload } from './workload.ts';
import { podTemplateOf } from './workload.ts';

/**
 * Everything an analyzer needs, indexed once per run. Analyzers read it and never parse or walk
 * files themselves.
 */
export interface Inventory {
  /**
   * Cluster objects (role `object`), in input order; of several with one kind, namespace and name, only
   * the last (see {@link withoutDuplicates}).
   */
  readonly resources: readonly Resource[];
  /** Node and component configuration files (role `config`). */
  readonly configs: readonly Resource[];
  /** Resources by kind. */
  readonly byKind: ReadonlyMap<string, readonly Resource[]>;
  /** The pod-template view of every workload whose pod spec is well-typed, in the order of `resources`. */
  readonly workloads: readonly Workload[];
  /** Namespaces, declared or implied, sorted by name. */
  readonly namespaces: ReadonlyMap<string, NamespaceView>;
  /** The namespace of namespaced objects that name none. */
  readonly defaultNamespace: string;
  /** A node's certificates, private keys and file modes, when the input is a node's directories. */
  readonly nodeFiles: NodeFiles;
  /**
   * Workload objects whose pod spec has fields of the wrong type (they are left out of `workloads`),
   * objects declared again later in the input (they are left out altogether), and bindings whose
   * ServiceAccounts the input places in another namespace than they name (see {@link namespaceHints}).
   */
  readonly diagnostics: readonly Diagnostic[];
  /** Values derived from this inventory, computed once (see {@link derived}). */
  readonly derived: DerivedValues;
}

/** Options for {@link buildInventory}. */
export interface InventoryOptions {
  /** Namespace for namespaced objects that name none (kubectl `-n`); `default` unless given. */
  readonly defaultNamespace?: string;
  /** The node files read with the resources; none unless given. */
  readonly nodeFiles?: NodeFiles;
}

/** Indexes loaded resources. Pure: the same resources give the same inventory. */
export function buildInventory(all: readonly Resource[], options: InventoryOptions = {}): Inventory {
  const fallback = options.defaultNamespace ?? DEFAULT_NAMESPACE;
  const resources: Resource[] = [];
  const configs: Resource[] = [];
  const byKind = new Map<string, Resource[]>();
  const workloads: Workload[] = [];
  const diagnostics: Diagnostic[] = [];
  const namespaceObjects = new Map<string, Resource>();
  const namespaceNames = new Set<string>();

  const unique = withoutDuplicates(all, fallback);
  for (const diagnostic of unique.diagnostics) diagnostics.push(diagnostic);
  for (const diagnostic of namespaceHints(unique.kept, fallback)) diagnostics.push(diagnostic);
  for (const resource of unique.kept) {
    if (resource.role === 'config') {
      configs.push(resource);
      continue;
    }
    resources.push(resource);
    let list = byKind.get(resource.kind);
    if (!list) byKind.set(resource.kind, (list = []));
    list.push(resource);
    if (resource.kind === 'Namespace' && resource.apiVersion === 'v1') {
      namespaceObjects.set(resource.name, resource);
      continue;
    }
    if (isClusterScoped(resource.kind)) continue;
    const namespace = resource.namespace ?? fallback;
    namespaceNames.add(namespace);
    const workload = podTemplateOf(resource, namespace);
    if (!workload) continue;
    const issues = templateShapeIssues(workload);
    if (issues.length === 0) {
      workloads.push(workload);
      continue;
    }
    for (const { path, message } of issues) {
      const position = resource.origin.locate(path);
      diagnostics.push({
        level: 'error',
        file: resource.origin.file,
        line: position.line,
        column: position.column,
        message: `${resource.kind}/${resource.name}: invalid ${formatPath(path)}: ${message}`,
      });
    }
  }

  const namespaces = new Map<string, NamespaceView>();
  for (const name of [...new Set([...namespaceObjects.keys(), ...namespaceNames])].sort()) {
    const resource = namespaceObjects.get(name);
    const metadata = resource && isRecord(resource.object.metadata) ? resource.object.metadata : {};
    namespaces.set(name, {
      name,
      labels: { ...labelsOf(metadata.labels), [NAMESPACE_NAME_LABEL]: name },
      resource,
    });
  }
  return {
    resources,
    configs,
    byKind,
    workloads,
    namespaces,
    defaultNamespace: fallback,
    nodeFiles: options.nodeFiles ?? NO_NODE_FILES,
    diagnostics,
    derived: new Map(),
  };
}

/** Per kind, its objects by effective namespace, then by name. */
type NameIndex = ReadonlyMap<string, ReadonlyMap<string, Resource>>;

const NAME_INDEXES = derivation('name indexes by kind', () => new Map<string, NameIndex>());

/**
 * The object of a kind with this name, in this namespace ('' for cluster-scoped kinds); the first one
 * in input order when two API groups have the kind (an object declared twice is kept once, see
 * {@link withoutDuplicates}). A kind's objects are indexed on its first lookup.
 */
export function find(
  inventory: Inventory,
  kind: string,
  namespace: string,
  name: string,
): Resource | undefined {
  const kinds = derived(inventory, NAME_INDEXES);
  let names = kinds.get(kind);
  if (!names) {
    const index = new Map<string, Map<string, Resource>>();
    for (const resource of ofKind(inventory, kind)) {
      const scope = namespaceOf(inventory, resource);
      let inScope = index.get(scope);
      if (!inScope) index.set(scope, (inScope = new Map<string, Resource>()));
      if (!inScope.has(resource.name)) inScope.set(resource.name, resource);
    }
    kinds.set(kind, (names = index));
  }
  return names.get(namespace)?.get(name);
}

/** The resources of one kind (empty when there are none). */
export function ofKind(inventory: Inventory, kind: string): readonly Resource[] {
  return inventory.byKind.get(kind) ?? [];
}

/** The effective namespace of a namespaced resource ('' for cluster-scoped kinds). */
export function namespaceOf(inventory: Inventory, resource: Resource): string {
  return isClusterScoped(resource.kind) ? '' : (resource.namespace ?? inventory.defaultNamespace);
}

/**
 * The fields of a workload's pod template whose types the API server would refuse, with their paths
 * in the object: in its spec and in its metadata (for a Pod, its own metadata).
 */
function templateShapeIssues(workload: Workload): readonly ShapeIssue[] {
  const inSpec = podSpecShapeIssues(workload.podSpec);
  const inMetadata = objectMetaShapeIssues(getAt(workload.resource.object, workload.metadataPath));
  if (inSpec.length === 0 && inMetadata.length === 0) return inSpec;
  const under = (base: FieldPath) => (issue: ShapeIssue) => ({
    path: [...base, ...issue.path],
    message: issue.message,
  });
  return [...inSpec.map(under(workload.specPath)), ...inMetadata.map(under(workload.metadataPath))];
}
