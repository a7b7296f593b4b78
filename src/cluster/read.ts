import { isConfigKind } from '../load/config-kinds.ts';
import type { Diagnostic } from '../model/diagnostic.ts';
import { isRecord } from '../model/path.ts';
import type { Mapping } from '../model/path.ts';
import type { Resource } from '../model/resource.ts';
import { connect } from './connection.ts';
import type { ClusterOptions, Connection } from './connection.ts';
import { discover, mapBounded } from './discovery.ts';
import type { ApiResource } from './discovery.ts';
import { scannedResources } from './kinds.ts';
import { listResource } from './list.ts';
import { clusterOrigin, clusterUri } from './origin.ts';
import { apiFailure, statusMessage } from './status.ts';

/**
 * How much of each Secret is read: `metadata` (the default: names, labels, annotations and type,
 * never the values), `data` (whole objects, values included: `snapshot --secret-data`), or `none`
 * (Secrets are not listed at all: `--no-secrets`).
 */
export type SecretReading = 'metadata' | 'data' | 'none';

/** What to read from the cluster, and how. */
export interface ReadClusterOptions extends ClusterOptions {
  /** Read namespaced objects of this namespace only (`-n`); without it, the context's namespace. */
  readonly namespace?: string;
  /** Read every namespace (`-A`); wins over `namespace`. */
  readonly allNamespaces?: boolean;
  readonly secrets?: SecretReading;
  /** Keep `metadata.managedFields` (dropped by default: the server's bookkeeping, often half an object). */
  readonly managedFields?: boolean;
  /** Items per page (default 500, kubectl's `--chunk-size`). */
  readonly pageSize?: number;
  /** Lists in flight at once (default 4). */
  readonly concurrency?: number;
  /** Called as lists end and pages arrive. */
  readonly onProgress?: (progress: ReadProgress) => void;
}

/** How far a read has gone. */
export interface ReadProgress {
  readonly kinds: number;
  readonly kindsListed: number;
  readonly objects: number;
}

/** The objects read from a cluster, as the loader's `Resource`s, and what could not be read. */
export interface ClusterRead {
  readonly context: string;
  /** `cluster://CONTEXT`: where diagnostics about the cluster as a whole point. */
  readonly where: string;
  /** The namespace namespaced objects were read from; undefined when every namespace was (`-A`). */
  readonly namespace: string | undefined;
  /** The namespace of the kubeconfig's context (`default` when it names none). */
  readonly contextNamespace: string;
  readonly resources: readonly Resource[];
  readonly diagnostics: readonly Diagnostic[];
  /** The resources listed (after discovery). */
  readonly listed: readonly ApiResource[];
  /** HTTP requests sent, discovery included. */
  readonly requests: number;
}

const SERVICE_ACCOUNT_TOKEN = 'kubernetes.io/service-account-token';

/**
 * Reads a cluster: discovery, then every resource a scan reads (see `scannedResources`), listed
 * page by page with a few lists at once. A list the server refuses (403 Forbidden, or any other
 * answer) is a warning naming the resource and the scope ("cannot list secrets in kube-system:
 * forbidden"), and the rest is still read; only a refused discovery or refused credentials (401)
 * stop the read. The objects become `Resource`s as the file loader makes them, located at
 * `cluster://CONTEXT/KIND/NS/NAME`.
 */
export async function readCluster(options: ReadClusterOptions): Promise<ClusterRead> {
  const connection = await connect(options);
  const where = `cluster://${encodeURIComponent(connection.context)}`;
  const concurrency = options.concurrency ?? 4;
  const discovered = await discover(connection, where, concurrency);
  const secrets = options.secrets ?? 'metadata';
  const listed = scannedResources(discovered.resources).filter(
    (resource) => !(secrets === 'none' && isSecrets(resource)),
  );
  const namespace = options.allNamespaces === true ? undefined : (options.namespace ?? connection.namespace);
  const diagnostics: Diagnostic[] = [...discovered.diagnostics];
  const progress = { kinds: listed.length, kindsListed: 0, objects: 0 };
  const report = (): void => options.onProgress?.({ ...progress });
  const onPage = (items: number): void => {
    progress.objects += items;
    report();
  };
  const read = { connection, namespace, pageSize: options.pageSize ?? 500, where, diagnostics, onPage };
  const objects = await mapBounded(listed, concurrency, async (resource) => {
    const items =
      isSecrets(resource) && secrets === 'metadata'
        ? await secretsMetadata(read, resource)
        : await list(read, resource);
    progress.kindsListed += 1;
    report();
    return items;
  });
  const resources = objects
    .flat()
    .map((object) => toResource(connection.context, object, options.managedFields === true));
  return {
    context: connection.context,
    where,
    namespace,
    contextNamespace: connection.namespace,
    resources,
    diagnostics,
    listed,
    requests: connection.requests(),
  };
}

interface Reading {
  readonly connection: Connection;
  readonly namespace: string | undefined;
  readonly pageSize: number;
  readonly where: string;
  readonly diagnostics: Diagnostic[];
  readonly onPage: (items: number) => void;
}

function isSecrets(resource: ApiResource): boolean {
  return resource.group === '' && resource.plural === 'secrets';
}

async function list(
  read: Reading,
  resource: ApiResource,
  extra: { metadataOnly?: boolean; fieldSelector?: string } = {},
): Promise<Mapping[]> {
  const { connection, namespace, pageSize } = read;
  const listed = await listResource(
    connection,
    resource,
    { pageSize, namespace: resource.namespaced ? namespace : undefined, ...extra },
    extra.fieldSelector === undefined ? read.onPage : undefined,
  );
  if (listed.kind === 'items') return listed.items;
  const { response } = listed;
  if (response.status === 401)
    throw apiFailure(connection, resource.plural, response, `list ${resource.plural}`);
  const scope = !resource.namespaced
    ? ''
    : namespace === undefined
      ? ' in any namespace'
      : ` in ${namespace}`;
  const name = resource.group === '' ? resource.plural : `${resource.plural}.${resource.group}`;
  const reason =
    response.status === 403
      ? 'forbidden'
      : response.status === 404
        ? 'not found'
        : `HTTP ${String(response.status)}`;
  read.diagnostics.push({
    level: 'warning',
    file: read.where,
    line: 0,
    column: 0,
    message: `cannot list ${name}${scope}: ${reason} (${statusMessage(response)}); the scan goes on without them`,
  });
  return [];
}

/**
 * Secrets without their values: a metadata-only list (the server sends no `data`), and the type of
 * the service-account token Secrets from a second, field-selected metadata list.
 */
async function secretsMetadata(read: Reading, resource: ApiResource): Promise<Mapping[]> {
  const all = await list(read, resource, { metadataOnly: true });
  if (all.length === 0) return all;
  const tokens = await list(read, resource, {
    metadataOnly: true,
    fieldSelector: `type=${SERVICE_ACCOUNT_TOKEN}`,
  });
  const uids = new Set(tokens.map((secret) => (isRecord(secret.metadata) ? secret.metadata.uid : undefined)));
  return all.map((secret) =>
    isRecord(secret.metadata) && uids.has(secret.metadata.uid)
      ? { ...secret, type: SERVICE_ACCOUNT_TOKEN }
      : secret,
  );
}

function toResource(context: string, object: Mapping, managedFields: boolean): Resource {
  const metadata = isRecord(object.metadata) ? object.metadata : {};
  const kept =
    managedFields || !('managedFields' in metadata) ? object : withoutManagedFields(object, metadata);
  const apiVersion = String(object.apiVersion);
  const kind = String(object.kind);
  const name = typeof metadata.name === 'string' ? metadata.name : '';
  const namespace =
    typeof metadata.namespace === 'string' && metadata.namespace !== '' ? metadata.namespace : undefined;
  return {
    apiVersion,
    kind,
    name,
    namespace,
    role: isConfigKind(apiVersion, kind) ? 'config' : 'object',
    object: kept,
    origin: clusterOrigin(clusterUri(context, kind, namespace, name)),
  };
}

function withoutManagedFields(object: Mapping, metadata: Mapping): Mapping {
  const rest: Record<string, unknown> = { ...metadata };
  delete rest.managedFields;
  return { ...object, metadata: rest };
}
