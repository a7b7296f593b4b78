import type { FieldPath, Mapping } from './path.ts';
import type { Position } from './position.ts';

/** Where a resource came from: the file, the document in it, and the item inside a List. */
export interface Origin {
  /** The path as given on the command line, or `<stdin>`. */
  readonly file: string;
  /** 0-based index of the `---` document in the file. */
  readonly document: number;
  /** Path of the object inside its document: `[]`, or `['items', 3]` for an item of a List. */
  readonly itemPath: FieldPath;
  /**
   * The object's address when it was read from a live cluster, `cluster://CONTEXT/KIND/NS/NAME`
   * (`file` holds it too); its findings are located by field path, as it has no lines.
   */
  readonly uri?: string;
  /** Resolves a path relative to the object to its source range (computed on demand). */
  locate(path: FieldPath): Position;
  /**
   * Said of every position of the object when a tool rendered it and `file` alone would mislead
   * (`line in the helm template output <stdin>`); each of its positions carries it as `note` too.
   */
  readonly note?: string;
}

/**
 * What a resource is for kubeward: a workload or API object the cluster would store, or a node or
 * component configuration file (KubeletConfiguration, EncryptionConfiguration, kubeconfig, ...).
 */
export type ResourceRole = 'object' | 'config';

/** One Kubernetes object as loaded, with its identity pulled out of the metadata. */
export interface Resource {
  readonly apiVersion: string;
  readonly kind: string;
  /** `metadata.name`, or `metadata.generateName`, or '' when neither is set. */
  readonly name: string;
  /** `metadata.namespace` as written; undefined when absent (cluster-scoped or defaulted). */
  readonly namespace: string | undefined;
  readonly role: ResourceRole;
  readonly object: Mapping;
  readonly origin: Origin;
}

/** `Kind/namespace/name` (or `Kind/name` without a namespace): stable across runs, used as a key. */
export function resourceKey(resource: Pick<Resource, 'kind' | 'namespace' | 'name'>): string {
  return resource.namespace === undefined
    ? `${resource.kind}/${resource.name}`
    : `${resource.kind}/${resource.namespace}/${resource.name}`;
}

/** The API group of an apiVersion: '' for the core group (`v1`), `apps` for `apps/v1`. */
export function apiGroup(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}
