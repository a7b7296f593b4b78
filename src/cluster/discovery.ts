import type { Diagnostic } from '../model/diagnostic.ts';
import { isRecord } from '../model/path.ts';
import type { Connection } from './connection.ts';
import { apiFailure } from './status.ts';

/** One listable resource of the cluster, as discovery names it. */
export interface ApiResource {
  /** `''` for the core group. */
  readonly group: string;
  readonly version: string;
  /** `v1`, `apps/v1`, `security.istio.io/v1`. */
  readonly apiVersion: string;
  readonly kind: string;
  /** The resource name in URLs: `pods`, `networkpolicies`. */
  readonly plural: string;
  readonly namespaced: boolean;
}

/** What discovery found: the resources, and the groups it could not read (an aggregated API down). */
export interface Discovered {
  readonly resources: readonly ApiResource[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Asks the API server which resources it serves, as kubectl's legacy discovery does: `/api` and
 * `/api/v1` for the core group, `/apis` for the groups (built-in, aggregated and every CRD's: Istio,
 * Linkerd, Gateway API, policy.networking.k8s.io), then the preferred version of each group. Only
 * top-level resources that can be listed are kept (`pods`, not `pods/log`). A group whose document
 * cannot be read is a warning, and the others are still read.
 */
export async function discover(
  connection: Connection,
  where: string,
  concurrency: number,
): Promise<Discovered> {
  const diagnostics: Diagnostic[] = [];
  const groups = await connection.get('/apis');
  if (groups.status !== 200) throw apiFailure(connection, '/apis', groups, 'discover the API groups');
  const paths = ['/api/v1'];
  const list = isRecord(groups.body) && Array.isArray(groups.body.groups) ? groups.body.groups : [];
  for (const group of list) {
    if (!isRecord(group) || !isRecord(group.preferredVersion)) continue;
    const groupVersion = group.preferredVersion.groupVersion;
    if (typeof groupVersion === 'string') paths.push(`/apis/${groupVersion}`);
  }
  const documents = await mapBounded(paths, concurrency, async (path) => {
    const response = await connection.get(path);
    if (response.status === 200) return response.body;
    if (path === '/api/v1') throw apiFailure(connection, path, response, 'discover the core API');
    diagnostics.push({
      level: 'warning',
      file: where,
      line: 0,
      column: 0,
      message: `cannot discover ${path.slice('/apis/'.length)} (HTTP ${String(response.status)}): its kinds are not read`,
    });
    return undefined;
  });
  const resources = documents.flatMap(resourcesOf);
  return { resources, diagnostics };
}

function resourcesOf(document: unknown): ApiResource[] {
  if (!isRecord(document) || typeof document.groupVersion !== 'string' || !Array.isArray(document.resources))
    return [];
  const apiVersion = document.groupVersion;
  const slash = apiVersion.indexOf('/');
  const group = slash === -1 ? '' : apiVersion.slice(0, slash);
  const version = apiVersion.slice(slash + 1);
  return document.resources.flatMap((resource): ApiResource[] => {
    if (!isRecord(resource)) return [];
    const { name, kind, namespaced, verbs } = resource;
    if (typeof name !== 'string' || name.includes('/') || typeof kind !== 'string') return [];
    if (!Array.isArray(verbs) || !verbs.includes('list')) return [];
    return [{ group, version, apiVersion, kind, plural: name, namespaced: namespaced === true }];
  });
}

/** `work` over `items` with at most `limit` running at once; results in the order of `items`. */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
