import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { RequestOptions } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { InputError, UsageError } from '../model/errors.ts';

/** Which cluster to read, as kubectl is told: `--kubeconfig`, `--context`, `--request-timeout`. */
export interface ClusterOptions {
  /** A kubeconfig file; without it `KUBECONFIG` (files joined by `:`), then `~/.kube/config`, as kubectl. */
  readonly kubeconfig?: string;
  /** A context of the kubeconfig; without it its `current-context`. */
  readonly context?: string;
  /** Milliseconds one request may take, connect to last byte (default 30 s). */
  readonly timeout?: number;
  /** Do not verify the server's certificate (kubectl's `--insecure-skip-tls-verify`). */
  readonly insecureSkipTlsVerify?: boolean;
}

/** The answer to one GET: its status and its JSON body (undefined when it is no JSON). */
export interface ApiResponse {
  readonly status: number;
  readonly body: unknown;
}

/** A connection to one cluster's API server, through one context of a kubeconfig. */
export interface Connection {
  /** The context's name, as `cluster://CONTEXT/...` locations name it. */
  readonly context: string;
  /** The context's namespace (`default` when it names none), the scope without `-n` or `-A`. */
  readonly namespace: string;
  /** The API server's URL. */
  readonly server: string;
  /** GETs an API path (`/api/v1/pods?limit=500`); `accept` overrides `application/json`. */
  get(path: string, accept?: string): Promise<ApiResponse>;
  /** Requests sent so far. */
  readonly requests: () => number;
}

/** Thrown by {@link Connection.get} when no answer came: refused, TLS failed, timed out. */
export class ConnectionError extends InputError {}

const DEFAULT_TIMEOUT = 30_000;

/**
 * Opens a connection as kubectl would: the kubeconfig is read and merged by the official client
 * (`@kubernetes/client-node`, loaded only here, when a command reads a cluster), which also supplies
 * the credentials: client certificates, tokens and token files, and exec plugins and auth providers,
 * which it runs as kubectl does. Throws a UsageError when there is no kubeconfig or no such context.
 */
export async function connect(options: ClusterOptions): Promise<Connection> {
  const { KubeConfig } = await import('@kubernetes/client-node');
  const config = new KubeConfig();
  try {
    if (options.kubeconfig === undefined) config.loadFromDefault();
    else config.loadFromFile(options.kubeconfig);
  } catch (error) {
    const where = options.kubeconfig ?? 'the kubeconfig';
    throw new UsageError(`cannot read ${where}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (options.context !== undefined) {
    if (config.getContextObject(options.context) === null)
      throw new UsageError(
        `no context "${options.context}" in the kubeconfig (contexts: ${
          config
            .getContexts()
            .map((c) => c.name)
            .join(', ') || 'none'
        })`,
      );
    config.setCurrentContext(options.context);
  }
  const context = config.getContextObject(config.getCurrentContext());
  const cluster = config.getCurrentCluster();
  if (context === null || cluster === null)
    throw new UsageError(
      options.kubeconfig === undefined
        ? 'no cluster to read: set KUBECONFIG, give --kubeconfig FILE, or create ~/.kube/config (kubectl config view shows what kubectl would use)'
        : `${options.kubeconfig} names no current context and no --context was given`,
    );
  const server = cluster.server.replace(/\/+$/, '');
  const timeout = options.timeout ?? DEFAULT_TIMEOUT;
  let sent = 0;
  return {
    context: context.name,
    namespace: context.namespace ?? 'default',
    server,
    requests: () => sent,
    async get(path, accept = 'application/json') {
      sent += 1;
      return get(
        config,
        new URL(`${server}${path}`),
        accept,
        timeout,
        options.insecureSkipTlsVerify === true,
      );
    },
  };
}

async function get(
  config: KubeConfig,
  url: URL,
  accept: string,
  timeout: number,
  insecure: boolean,
): Promise<ApiResponse> {
  const options: RequestOptions = {
    method: 'GET',
    headers: { accept, 'user-agent': 'kubeward' },
    ...(insecure ? { rejectUnauthorized: false } : {}),
  };
  try {
    await config.applyToHTTPSOptions(options);
  } catch (error) {
    throw new ConnectionError(
      `cannot get credentials for context "${config.getCurrentContext()}": ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return new Promise((resolve, reject) => {
    const fail = (message: string): void => {
      outgoing.destroy();
      reject(new ConnectionError(`cannot reach ${url.origin}: ${message}`));
    };
    const deadline = setTimeout(() => {
      fail(`no answer within ${String(timeout / 1000)} s (--request-timeout)`);
    }, timeout);
    const request = url.protocol === 'http:' ? httpRequest : httpsRequest;
    const outgoing = request(url, options, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', (error) => {
        clearTimeout(deadline);
        fail(error.message);
      });
      response.on('end', () => {
        clearTimeout(deadline);
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown;
        try {
          body = JSON.parse(text) as unknown;
        } catch {
          body = undefined;
        }
        resolve({ status: response.statusCode ?? 0, body });
      });
    });
    outgoing.on('error', (error) => {
      clearTimeout(deadline);
      fail(error.message);
    });
    outgoing.end();
  });
}
