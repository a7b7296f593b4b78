import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issue } from './test-pki.ts';

/**
 * A Kubernetes API server for tests, over HTTPS with a CA made for the run. It serves what a client
 * needs to read a cluster, in the forms of the Kubernetes API (k8s.io/apimachinery, meta/v1):
 * - discovery: `/api` (APIVersions), `/apis` (APIGroupList), `/api/v1` and `/apis/GROUP/VERSION`
 *   (APIResourceList), built from the kinds of the recorded objects and `extraKinds`;
 * - lists: `/api/v1/PLURAL`, `/api/v1/namespaces/NS/PLURAL` and their `/apis/GROUP/VERSION/...`
 *   forms, with `limit` and `continue` (an opaque token, `metadata.continue`), items without their
 *   `kind` and `apiVersion` as the API server sends them, `fieldSelector=type=...` on Secrets, and
 *   `Accept: ...;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1` (metadata only);
 * - a `Status` with 401 without the bearer token, 403 on the scopes in `forbidden`, 410 Gone once
 *   for the first continue token of the resource `expireContinueOnce` names, 404 on anything else.
 * It is no API server: no watch, no writes, no aggregated discovery (clients fall back to the
 * documents above, as they do against servers before 1.26).
 */
export interface ApiServerOptions {
  /** The recorded objects, with `apiVersion`, `kind` and `metadata` as `kubectl get -o yaml` writes them. */
  readonly objects: readonly Record<string, unknown>[];
  /** Kinds served with no object, as `{ apiVersion, kind, namespaced }` (a CRD nobody created). */
  readonly extraKinds?: readonly ServedKind[];
  /** Scopes that answer 403: `secrets` (everywhere) or `secrets/kube-system` (one namespace). */
  readonly forbidden?: readonly string[];
  /** The first continue token presented for this resource (`pods`) is answered with 410 Gone (expired). */
  readonly expireContinueOnce?: string;
  /** Most items in one page whatever the client asks for (the API server's own cap). */
  readonly maxPage?: number;
  /** Milliseconds to wait before answering each list request (a slow server). */
  readonly delay?: number;
}

/** One kind the server serves. */
export interface ServedKind {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespaced: boolean;
}

/** A running test API server. */
export interface RunningApiServer {
  /** `https://127.0.0.1:PORT` */
  readonly url: string;
  /** The bearer token the server accepts. */
  readonly token: string;
  /** A kubeconfig file for it: one cluster, one user, contexts `test` (current) and `other`. */
  readonly kubeconfig: string;
  /** The CA certificate, PEM. */
  readonly ca: string;
  /** Every request path (with query) in order. */
  readonly requests: readonly string[];
  stop(): Promise<void>;
}

/** The plural resource name the API server would give a kind (as CRDs and built-ins name theirs). */
export function pluralOf(kind: string): string {
  const lower = kind.toLowerCase();
  if (lower === 'endpoints') return lower;
  if (/(s|x|ch|sh)$/.test(lower)) return `${lower}es`;
  if (/[^aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  return `${lower}s`;
}

interface Served extends ServedKind {
  readonly group: string;
  readonly version: string;
  readonly plural: string;
  readonly items: Record<string, unknown>[];
}

function metadataOf(object: Record<string, unknown>): Record<string, unknown> {
  const metadata = object.metadata;
  return typeof metadata === 'object' && metadata !== null ? (metadata as Record<string, unknown>) : {};
}

function served(options: ApiServerOptions): Map<string, Served> {
  const byKey = new Map<string, Served>();
  const add = ({ apiVersion, kind, namespaced }: ServedKind): Served => {
    const slash = apiVersion.indexOf('/');
    const group = slash === -1 ? '' : apiVersion.slice(0, slash);
    const version = apiVersion.slice(slash + 1);
    const plural = pluralOf(kind);
    const key = `${group}/${version}/${plural}`;
    let entry = byKey.get(key);
    if (!entry) {
      entry = { apiVersion, kind, namespaced, group, version, plural, items: [] };
      byKey.set(key, entry);
    }
    return entry;
  };
  for (const kind of options.extraKinds ?? []) add(kind);
  for (const object of options.objects) {
    const apiVersion = String(object.apiVersion);
    const kind = String(object.kind);
    add({ apiVersion, kind, namespaced: metadataOf(object).namespace !== undefined }).items.push(object);
  }
  return byKey;
}

function status(response: ServerResponse, code: number, reason: string, message: string): void {
  response.writeHead(code, { 'content-type': 'application/json' });
  response.end(
    JSON.stringify({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message,
      reason,
      code,
    }),
  );
}

function json(response: ServerResponse, value: unknown): void {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(JSON.stringify(value));
}

const VERBS = ['get', 'list', 'watch'];

function discovery(kinds: Map<string, Served>, path: string): unknown {
  const all = [...kinds.values()];
  if (path === '/api') return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] };
  if (path === '/apis') {
    const groups = new Map<string, Set<string>>();
    for (const entry of all)
      if (entry.group !== '')
        groups.set(entry.group, (groups.get(entry.group) ?? new Set()).add(entry.version));
    return {
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: [...groups].map(([name, versions]) => {
        const list = [...versions].map((version) => ({ groupVersion: `${name}/${version}`, version }));
        return { name, versions: list, preferredVersion: list[0] };
      }),
    };
  }
  const match = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/.exec(path);
  if (!match) return undefined;
  const group = match[2] ?? '';
  const version = match[1] ?? match[3] ?? '';
  const resources = all.filter((entry) => entry.group === group && entry.version === version);
  if (resources.length === 0 && group !== '') return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group === '' ? version : `${group}/${version}`,
    resources: resources.flatMap((entry) => [
      {
        name: entry.plural,
        singularName: entry.kind.toLowerCase(),
        namespaced: entry.namespaced,
        kind: entry.kind,
        verbs: VERBS,
      },
      ...(entry.kind === 'Pod'
        ? [{ name: 'pods/log', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get'] }]
        : []),
    ]),
  };
}

/** Starts the server on a random loopback port; `stop` closes it and removes its files. */
export async function startApiServer(options: ApiServerOptions): Promise<RunningApiServer> {
  const root = mkdtempSync(join(tmpdir(), 'kubeward-apiserver-'));
  issue(root, { path: 'ca', subject: '/CN=test-apiserver-ca', ca: true });
  issue(root, {
    path: 'server',
    subject: '/CN=kube-apiserver',
    sans: ['IP:127.0.0.1', 'DNS:localhost'],
    issuer: 'ca',
  });
  const ca = readFileSync(join(root, 'ca.crt'), 'utf8');
  const token = 'kubeward-test-token';
  const kinds = served(options);
  const requests: string[] = [];
  const forbidden = new Set(options.forbidden ?? []);
  let expire = options.expireContinueOnce;

  const list = (request: IncomingMessage, response: ServerResponse, url: URL): void => {
    const match = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))(?:\/namespaces\/([^/]+))?\/([^/]+)$/.exec(
      url.pathname,
    );
    const group = match?.[2] ?? '';
    const version = match?.[1] ?? match?.[3] ?? '';
    const namespace = match?.[4];
    const entry = match ? kinds.get(`${group}/${version}/${match[5] ?? ''}`) : undefined;
    if (!entry || (namespace !== undefined && !entry.namespaced)) {
      status(response, 404, 'NotFound', 'the server could not find the requested resource');
      return;
    }
    const scope = namespace === undefined ? 'at the cluster scope' : `in the namespace "${namespace}"`;
    if (
      forbidden.has(entry.plural) ||
      (namespace !== undefined && forbidden.has(`${entry.plural}/${namespace}`))
    ) {
      const groupName = group === '' ? '""' : `"${group}"`;
      status(
        response,
        403,
        'Forbidden',
        `${entry.plural} is forbidden: User "kubeward-test" cannot list resource "${entry.plural}" in API group ${groupName} ${scope}`,
      );
      return;
    }
    const fieldType = /^type=(.*)$/.exec(url.searchParams.get('fieldSelector') ?? '')?.[1];
    const items = entry.items.filter(
      (item) =>
        (namespace === undefined || metadataOf(item).namespace === namespace) &&
        (fieldType === undefined || item.type === fieldType),
    );
    const token = url.searchParams.get('continue');
    if (token !== null && token !== '' && expire === entry.plural) {
      expire = undefined;
      status(
        response,
        410,
        'Expired',
        'The provided continue parameter is too old to display a consistent list result.',
      );
      return;
    }
    const start = token === null || token === '' ? 0 : Number(Buffer.from(token, 'base64url').toString());
    const asked = Number(url.searchParams.get('limit') ?? '0');
    const cap = options.maxPage ?? Number.MAX_SAFE_INTEGER;
    const limit = asked > 0 ? Math.min(asked, cap) : cap;
    const page = items.slice(start, start + limit);
    const next = start + page.length;
    const metadataOnly = /as=PartialObjectMetadataList/.test(request.headers.accept ?? '');
    const strip = (item: Record<string, unknown>): Record<string, unknown> => {
      const rest = { ...item };
      delete rest.apiVersion;
      delete rest.kind;
      return rest;
    };
    json(response, {
      kind: metadataOnly ? 'PartialObjectMetadataList' : `${entry.kind}List`,
      apiVersion: metadataOnly ? 'meta.k8s.io/v1' : entry.apiVersion,
      metadata: {
        resourceVersion: '1000',
        ...(next < items.length
          ? {
              continue: Buffer.from(String(next)).toString('base64url'),
              remainingItemCount: items.length - next,
            }
          : {}),
      },
      items: page.map((item) =>
        metadataOnly
          ? { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: metadataOf(item) }
          : strip(item),
      ),
    });
  };

  const server = createServer(
    { cert: readFileSync(join(root, 'server.crt')), key: readFileSync(join(root, 'server.key')) },
    (request, response) => {
      const url = new URL(request.url ?? '/', 'https://127.0.0.1');
      requests.push(`${url.pathname}${url.search}`);
      if (request.headers.authorization !== `Bearer ${token}`) {
        status(response, 401, 'Unauthorized', 'Unauthorized');
        return;
      }
      const document = discovery(kinds, url.pathname);
      if (document !== undefined) {
        json(response, document);
        return;
      }
      if (url.pathname === '/version') {
        json(response, { major: '1', minor: '32', gitVersion: 'v1.32.0', platform: 'linux/amd64' });
        return;
      }
      if (options.delay === undefined) list(request, response, url);
      else
        setTimeout(() => {
          list(request, response, url);
        }, options.delay);
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const url = `https://127.0.0.1:${String(port)}`;
  const kubeconfig = join(root, 'kubeconfig');
  writeFileSync(kubeconfig, kubeconfigText(url, ca, token));
  return {
    url,
    token,
    kubeconfig,
    ca,
    requests,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          rmSync(root, { recursive: true, force: true });
          resolve();
        });
      }),
  };
}

/** A kubeconfig (clientcmd v1) for the server: contexts `test` (current, namespace `default`) and `other`. */
function kubeconfigText(url: string, ca: string, token: string): string {
  const caData = Buffer.from(ca).toString('base64');
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: test',
    '  cluster:',
    `    server: ${url}`,
    `    certificate-authority-data: ${caData}`,
    'users:',
    '- name: test',
    '  user:',
    `    token: ${token}`,
    'contexts:',
    '- name: test',
    '  context: {cluster: test, user: test, namespace: default}',
    '- name: other',
    '  context: {cluster: test, user: test, namespace: kube-system}',
    'current-context: test',
    '',
  ].join('\n');
}
