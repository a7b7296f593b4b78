import { load } from '../load/load.ts';
import type { Loaded } from '../load/load.ts';
import type { ReadOptions } from '../load/read.ts';
import { UsageError } from '../model/errors.ts';
import { readLiveCluster } from './cluster.ts';
import type { LiveOptions } from './cluster.ts';
import { readsCluster } from './commands/cluster-options.ts';
import type { ClusterFlags } from './commands/cluster-options.ts';
import type { SourceFlags } from './commands/source-options.ts';

/** The flags that say where a command's objects come from: manifests, or a live cluster. */
export interface InputFlags extends SourceFlags, ClusterFlags {
  readonly namespace?: string;
}

/** Where a command reads its objects: the manifests given, a live cluster, or nothing was given. */
export type InputSource = 'files' | 'cluster' | 'none';

/** Options for {@link inputSource}. */
export interface SourceChoice {
  /** Whether `-A` alone reads the live cluster (scan, score: -A has no other meaning there). */
  readonly allNamespacesReadsCluster: boolean;
}

/** Whether any manifest source is given: paths, `-f`, `-k` or `--helm`. */
export function givesFiles(paths: readonly string[], flags: SourceFlags): boolean {
  return paths.length > 0 || flags.filename.length > 0 || flags.kustomize.length > 0 || flags.helm.length > 0;
}

/**
 * Where `command` reads from, by its flags; a UsageError when both manifests and a live cluster
 * are named.
 */
export function inputSource(
  command: string,
  paths: readonly string[],
  flags: InputFlags,
  { allNamespacesReadsCluster }: SourceChoice,
): InputSource {
  const live = readsCluster(flags, { allNamespaces: allNamespacesReadsCluster });
  const files = givesFiles(paths, flags);
  if (live && files)
    throw new UsageError(
      `${command} reads either files (paths, -f, -k, --helm) or a live cluster (--kubeconfig, --context${
        allNamespacesReadsCluster ? ', -A' : ''
      }), not both`,
    );
  return live ? 'cluster' : files ? 'files' : 'none';
}

/**
 * How the loader reads the manifests of the flags: directories walked or not, the size cap, the
 * kustomizations to build and the charts to render, with `helm template`'s flags (`-n` is the
 * release namespace).
 */
export function readOptionsOf(flags: InputFlags): ReadOptions {
  return {
    recursive: flags.recursive,
    maxFileSize: flags.maxFileSize,
    kustomize: flags.kustomize,
    helm: flags.helm,
    helmOptions: {
      values: flags.values,
      set: flags.set,
      ...(flags.release === undefined ? {} : { release: flags.release }),
      ...(flags.namespace === undefined ? {} : { namespace: flags.namespace }),
    },
  };
}

/** Every manifest path the flags name: paths and `-f`, then `-k` and `--helm` directories and `--values` files. */
export function pathsOf(paths: readonly string[], flags: SourceFlags): string[] {
  return [...paths, ...flags.filename, ...flags.kustomize, ...flags.helm, ...flags.values];
}

/** Objects and the namespace a command answers for. */
export interface ScopedInput {
  readonly loaded: Loaded;
  readonly source: 'files' | 'cluster';
  /**
   * The namespace `-n` names; with neither `-n` nor `-A`, of a live cluster, the context's
   * namespace (as kubectl); undefined for every namespace (`-A`, or manifests without `-n`).
   */
  readonly namespace: string | undefined;
}

/** How a live cluster is read for a command that reads manifests too. */
export interface LiveReading extends Pick<LiveOptions, 'secrets'> {
  /**
   * `scope`: namespaced objects of the command's namespace only (every namespace with `-A`), as
   * kubectl reads; `all`: every namespace, whatever the scope, when the answer for one namespace
   * depends on the others (NetworkPolicy peers, RoleBindings elsewhere).
   */
  readonly read: 'scope' | 'all';
}

/**
 * Loads the objects of a command that reads manifests (paths, `-f`, `-k`, `--helm`) or a live
 * cluster (`--kubeconfig`, `--context`), and the namespace it answers for. `source` is the choice
 * {@link inputSource} made, never `none`.
 */
export async function loadScoped(
  paths: readonly string[],
  flags: InputFlags,
  source: 'files' | 'cluster',
  reading: LiveReading,
): Promise<ScopedInput> {
  const asked = flags.allNamespaces === true ? undefined : flags.namespace;
  if (source === 'files')
    return {
      loaded: await load([...paths, ...flags.filename], readOptionsOf(flags)),
      source,
      namespace: asked,
    };
  const read = await readLiveCluster(flags, {
    ...(reading.secrets === undefined ? {} : { secrets: reading.secrets }),
    ...(reading.read === 'all' ? { allNamespaces: true } : {}),
    ...(flags.namespace === undefined ? {} : { namespace: flags.namespace }),
  });
  return {
    loaded: { resources: read.resources, diagnostics: read.diagnostics, files: 0 },
    source,
    namespace: flags.allNamespaces === true ? undefined : (flags.namespace ?? read.contextNamespace),
  };
}
