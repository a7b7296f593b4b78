import { isRecord } from '../model/path.ts';
import type { Mapping } from '../model/path.ts';
import type { ApiResponse, Connection } from './connection.ts';
import type { ApiResource } from './discovery.ts';

/** How one resource is listed. */
export interface ListOptions {
  /** Items asked per page (`limit`). */
  readonly pageSize: number;
  /** A namespace, or undefined for every namespace (and for cluster-scoped resources). */
  readonly namespace: string | undefined;
  /** Ask for metadata only (`PartialObjectMetadataList`): no spec, no data, nothing else sent. */
  readonly metadataOnly?: boolean;
  /** A `fieldSelector`, such as `type=kubernetes.io/service-account-token` on Secrets. */
  readonly fieldSelector?: string;
}

/** A list read to its end, or the answer that stopped it (a 403, a 404). */
export type Listed =
  | { readonly kind: 'items'; readonly items: Mapping[] }
  | { readonly kind: 'refused'; readonly response: ApiResponse };

/** How often a list whose continue token expired (410 Gone) is started again before giving up. */
const RESTARTS = 3;

const METADATA_ONLY = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json';

/** The URL path of a resource's collection, cluster-wide or in one namespace. */
export function collectionPath(resource: ApiResource, namespace: string | undefined): string {
  const root =
    resource.group === '' ? `/api/${resource.version}` : `/apis/${resource.group}/${resource.version}`;
  const scope =
    namespace === undefined || !resource.namespaced ? '' : `/namespaces/${encodeURIComponent(namespace)}`;
  return `${root}${scope}/${resource.plural}`;
}

/**
 * Lists a resource page by page (`limit`, then `continue` until the server gives none), as kubectl
 * does with `--chunk-size`. The API server leaves `kind` and `apiVersion` out of list items: each
 * item gets its resource's back, so it reads as `kubectl get -o yaml` shows it. When a continue
 * token has expired (410 Gone: the server compacted the version the list began at), the list is
 * started again from its first page, a few times at most.
 */
export async function listResource(
  connection: Connection,
  resource: ApiResource,
  options: ListOptions,
  onPage: (items: number) => void = () => undefined,
): Promise<Listed> {
  const path = collectionPath(resource, options.namespace);
  for (let attempt = 0; ; attempt += 1) {
    const items: Mapping[] = [];
    let token: string | undefined;
    let expired = false;
    do {
      const query = new URLSearchParams({ limit: String(options.pageSize) });
      if (token !== undefined) query.set('continue', token);
      if (options.fieldSelector !== undefined) query.set('fieldSelector', options.fieldSelector);
      const response = await connection.get(
        `${path}?${query.toString()}`,
        options.metadataOnly === true ? METADATA_ONLY : undefined,
      );
      if (response.status === 410 && token !== undefined && attempt < RESTARTS) {
        expired = true;
        break;
      }
      if (response.status !== 200 || !isRecord(response.body)) return { kind: 'refused', response };
      const page = Array.isArray(response.body.items) ? response.body.items : [];
      for (const item of page)
        if (isRecord(item))
          items.push(
            options.metadataOnly === true
              ? { apiVersion: resource.apiVersion, kind: resource.kind, metadata: item.metadata }
              : { apiVersion: resource.apiVersion, kind: resource.kind, ...item },
          );
      onPage(page.length);
      const metadata = isRecord(response.body.metadata) ? response.body.metadata : {};
      token =
        typeof metadata.continue === 'string' && metadata.continue !== '' ? metadata.continue : undefined;
    } while (token !== undefined);
    if (!expired) return { kind: 'items', items };
  }
}
