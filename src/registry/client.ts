import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { RegistryCredentials } from '../load/docker-credentials.ts';
import { KubewardError } from '../model/errors.ts';
import { parseChallenges } from './challenge.ts';
import type { Challenge } from './challenge.ts';

/** A registry that could not give what was asked: unreachable, refused, or content that fails its checks. */
export class RegistryError extends KubewardError {
  override readonly name = 'RegistryError';
  /** The HTTP status, when the registry answered. */
  readonly status: number | undefined;
  constructor(message: string, status?: number, options?: ErrorOptions) {
    super('input', message, options);
    this.status = status;
  }
}

/** How a client talks to registries. */
export interface RegistryOptions {
  /** Longest wait for one request (headers, then each read of the body). */
  readonly timeoutMs: number;
  /** Hosts (with port) talked to in plain HTTP: `--insecure-registry`. Never assumed. */
  readonly insecure?: readonly string[] | undefined;
  /** Extra trusted CA certificates (PEM), beside Node's (and `NODE_EXTRA_CA_CERTS`). */
  readonly ca?: string | undefined;
  /** The credentials for a registry (as docker finds them), or undefined for anonymous access. */
  readonly credentials?: ((registry: string) => Promise<RegistryCredentials | undefined>) | undefined;
  /** Attempts after the first on 429, 5xx and dropped connections (default 3). */
  readonly retries?: number | undefined;
  /** First backoff; doubled each retry, or the registry's `Retry-After` (default 500 ms, at most 30 s). */
  readonly retryDelayMs?: number | undefined;
  /** User-Agent sent. */
  readonly userAgent?: string | undefined;
}

/** An answer read whole. */
export interface RegistryResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** What one request asks. */
export interface RegistryRequest {
  readonly method: 'GET' | 'HEAD';
  readonly accept?: string | undefined;
  /** Largest body accepted: more is refused, announced or not. */
  readonly maxBytes: number;
}

const RETRIED_STATUS = new Set([429, 500, 502, 503, 504]);
const RETRIED_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNREFUSED', 'EAI_AGAIN']);
const MAX_REDIRECTS = 5;
const MAX_RETRY_DELAY_MS = 30_000;
/** Largest token endpoint answer read. */
const MAX_TOKEN_BYTES = 1024 * 1024;

/** The host a registry name is served from: Docker Hub's registry for `docker.io`. */
export function registryHost(registry: string): string {
  return registry === 'docker.io' || registry === 'index.docker.io' ? 'registry-1.docker.io' : registry;
}

const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

function retryAfter(headers: IncomingHttpHeaders): number | undefined {
  const value = headers['retry-after'];
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** The registry's own error text (distribution spec "Error codes": `{"errors":[{code,message}]}`). */
function registryMessage(body: Buffer): string {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    const errors = (parsed as { errors?: { code?: unknown; message?: unknown }[] }).errors;
    if (Array.isArray(errors) && errors.length > 0) {
      const first = errors[0];
      const code = typeof first?.code === 'string' ? first.code : '';
      const message = typeof first?.message === 'string' ? first.message : '';
      return [code, message].filter((part) => part !== '').join(': ');
    }
  } catch {
    // not JSON: the status says it all
  }
  return '';
}

/**
 * A client of the OCI distribution API (opencontainers/distribution-spec spec.md) over Node's
 * http/https: authentication as docker does it (distribution docs/spec/auth/token.md: an
 * anonymous or basic-authenticated bearer token from the `WWW-Authenticate` challenge's realm, or
 * basic auth), retries with backoff on 429, 5xx and dropped connections, a timeout per request and
 * a size cap on every body. Plain HTTP only for the hosts given as insecure.
 */
export class RegistryClient {
  readonly #options: RegistryOptions;
  /** `Authorization` header per registry and scope, once a challenge was answered. */
  readonly #authorizations = new Map<string, string>();

  constructor(options: RegistryOptions) {
    this.#options = options;
  }

  /** `https://host` or, for an insecure registry, `http://host`. */
  baseUrl(registry: string): string {
    const host = registryHost(registry);
    const insecure = this.#options.insecure ?? [];
    return `${insecure.includes(registry) || insecure.includes(host) ? 'http' : 'https'}://${host}`;
  }

  /**
   * GET or HEAD `/v2/<repository>/<path>` read whole (up to `maxBytes`), authenticated for pulling
   * `repository`. Any answer but 2xx is a {@link RegistryError} naming the registry's own error.
   */
  async fetch(
    registry: string,
    repository: string,
    path: string,
    request: RegistryRequest,
  ): Promise<RegistryResponse> {
    const response = await this.open(registry, repository, path, request);
    const body =
      request.method === 'HEAD'
        ? Buffer.alloc(0)
        : await readBody(response, request.maxBytes, this.#what(registry, repository, path));
    return { status: response.statusCode ?? 0, headers: response.headers, body };
  }

  /**
   * The answer to GET `/v2/<repository>/<path>`, its body not read yet (for blobs): 2xx only, a
   * body announced larger than `maxBytes` refused before it is read.
   */
  async open(
    registry: string,
    repository: string,
    path: string,
    request: RegistryRequest,
  ): Promise<IncomingMessage> {
    const scope = `repository:${repository}:pull`;
    const url = `${this.baseUrl(registry)}/v2/${repository}/${path}`;
    const what = this.#what(registry, repository, path);
    const key = `${registry} ${scope}`;
    let response = await this.#send(url, request, this.#authorizations.get(key), what);
    if (response.statusCode === 401) {
      response.resume();
      const authorization = await this.#authorize(
        registry,
        scope,
        response.headers['www-authenticate'],
        what,
      );
      this.#authorizations.set(key, authorization);
      response = await this.#send(url, request, authorization, what);
    }
    const status = response.statusCode ?? 0;
    if (status < 200 || status > 299) {
      const body =
        request.method === 'HEAD'
          ? Buffer.alloc(0)
          : await readBody(response, 64 * 1024, what).catch(() => Buffer.alloc(0));
      const detail = registryMessage(body);
      const reason =
        status === 401
          ? 'authentication failed'
          : status === 403
            ? 'access denied'
            : status === 404
              ? 'not found'
              : `HTTP ${String(status)}`;
      throw new RegistryError(
        `${what}: ${reason} (${String(status)})${detail === '' ? '' : `: ${detail}`}`,
        status,
      );
    }
    const length = Number(response.headers['content-length']);
    if (request.method === 'GET' && Number.isFinite(length) && length > request.maxBytes) {
      response.destroy();
      throw new RegistryError(
        `${what}: ${String(length)} bytes, more than the ${String(request.maxBytes)} accepted`,
      );
    }
    return response;
  }

  #what(registry: string, repository: string, path: string): string {
    return `${registry}/${repository} ${path}`;
  }

  /** One request with retries, following redirects (the Authorization header stays with its host). */
  async #send(
    url: string,
    request: RegistryRequest,
    authorization: string | undefined,
    what: string,
  ): Promise<IncomingMessage> {
    const retries = this.#options.retries ?? 3;
    const baseDelay = this.#options.retryDelayMs ?? 500;
    for (let attempt = 0; ; attempt++) {
      let delay = Math.min(baseDelay * 2 ** attempt, MAX_RETRY_DELAY_MS);
      try {
        const response = await this.#follow(url, request, authorization, what);
        if (!RETRIED_STATUS.has(response.statusCode ?? 0) || attempt >= retries) return response;
        delay = Math.min(retryAfter(response.headers) ?? delay, MAX_RETRY_DELAY_MS);
        response.resume();
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? '';
        if (!RETRIED_CODES.has(code) || attempt >= retries) {
          if (error instanceof RegistryError) throw error;
          throw new RegistryError(`${what}: ${(error as Error).message}`, undefined, { cause: error });
        }
      }
      await sleep(delay);
    }
  }

  async #follow(
    url: string,
    request: RegistryRequest,
    authorization: string | undefined,
    what: string,
  ): Promise<IncomingMessage> {
    let current = new URL(url);
    const origin = current.host;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const headers: Record<string, string> = { 'user-agent': this.#options.userAgent ?? 'kubeward' };
      if (request.accept !== undefined) headers.accept = request.accept;
      if (authorization !== undefined && current.host === origin) headers.authorization = authorization;
      const response = await this.#raw(current, request.method, headers, undefined, what);
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (![301, 302, 303, 307, 308].includes(status) || location === undefined) return response;
      response.resume();
      const next = new URL(location, current);
      if (current.protocol === 'https:' && next.protocol !== 'https:')
        throw new RegistryError(`${what}: refused a redirect from HTTPS to ${next.protocol}`);
      current = next;
    }
    throw new RegistryError(`${what}: more than ${String(MAX_REDIRECTS)} redirects`);
  }

  /** One HTTP exchange: the answer once its headers arrived, within the timeout. */
  #raw(
    url: URL,
    method: string,
    headers: Record<string, string>,
    body: string | undefined,
    what: string,
  ): Promise<IncomingMessage> {
    const timeout = this.#options.timeoutMs;
    return new Promise((resolve, reject) => {
      const send = url.protocol === 'http:' ? httpRequest : httpsRequest;
      const request = send(url, {
        method,
        headers:
          body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        ...(url.protocol === 'https:' && this.#options.ca !== undefined ? { ca: this.#options.ca } : {}),
      });
      const timer = setTimeout(() => {
        request.destroy(new RegistryError(`${what}: no answer within ${String(timeout)} ms`));
      }, timeout);
      request.on('response', (response) => {
        clearTimeout(timer);
        response.setTimeout(timeout, () => {
          response.destroy(new RegistryError(`${what}: the answer stalled for ${String(timeout)} ms`));
        });
        resolve(response);
      });
      request.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      request.end(body);
    });
  }

  /**
   * The `Authorization` header that answers a 401's challenge: a bearer token from the realm
   * (anonymous, with basic credentials, or an identity token traded by OAuth2 refresh_token), or
   * basic credentials when the registry asks for Basic.
   */
  async #authorize(
    registry: string,
    scope: string,
    header: string | undefined,
    what: string,
  ): Promise<string> {
    const challenges = parseChallenges(header ?? '');
    const credentials = await this.#options.credentials?.(registry);
    const bearer = challenges.find((challenge) => challenge.scheme === 'bearer');
    if (bearer !== undefined) {
      if (credentials?.registryToken !== undefined) return `Bearer ${credentials.registryToken}`;
      return `Bearer ${await this.#token(bearer, scope, credentials, what)}`;
    }
    if (challenges.some((challenge) => challenge.scheme === 'basic')) {
      if (credentials?.username === undefined)
        throw new RegistryError(
          `${what}: the registry asks for a login and no credentials were found for ${registry} (docker login, or $DOCKER_CONFIG/config.json)`,
          401,
        );
      return basic(credentials);
    }
    throw new RegistryError(
      `${what}: authentication required, with no challenge kubeward can answer (WWW-Authenticate: ${header ?? 'none'})`,
      401,
    );
  }

  async #token(
    challenge: Challenge,
    fallbackScope: string,
    credentials: RegistryCredentials | undefined,
    what: string,
  ): Promise<string> {
    const realm = challenge.params.realm;
    if (realm === undefined) throw new RegistryError(`${what}: bearer challenge without a realm`, 401);
    let url: URL;
    try {
      url = new URL(realm);
    } catch {
      throw new RegistryError(`${what}: bearer challenge realm "${realm}" is no URL`, 401);
    }
    if (url.protocol !== 'https:' && !(this.#options.insecure ?? []).includes(url.host))
      throw new RegistryError(
        `${what}: token realm ${realm} is not HTTPS (add --insecure-registry ${url.host} to allow it)`,
        401,
      );
    const service = challenge.params.service;
    const scope = challenge.params.scope ?? fallbackScope;
    const headers: Record<string, string> = { 'user-agent': this.#options.userAgent ?? 'kubeward' };
    let response: IncomingMessage;
    if (credentials?.identityToken !== undefined) {
      const form = new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: credentials.identityToken,
        client_id: 'kubeward',
        scope,
      });
      if (service !== undefined) form.set('service', service);
      response = await this.#raw(
        url,
        'POST',
        { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
        form.toString(),
        what,
      );
    } else {
      if (service !== undefined) url.searchParams.set('service', service);
      url.searchParams.set('scope', scope);
      if (credentials?.username !== undefined) headers.authorization = basic(credentials);
      response = await this.#raw(url, 'GET', headers, undefined, what);
    }
    const body = await readBody(response, MAX_TOKEN_BYTES, `${what}: token`);
    const status = response.statusCode ?? 0;
    if (status < 200 || status > 299)
      throw new RegistryError(
        `${what}: the token service ${url.origin}${url.pathname} refused (${String(status)})${credentials === undefined ? ' to anonymous access' : ' the credentials'}`,
        status,
      );
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      throw new RegistryError(`${what}: the token service answered no JSON`);
    }
    const { token, access_token: accessToken } = parsed as { token?: unknown; access_token?: unknown };
    const value =
      typeof token === 'string' && token !== '' ? token : typeof accessToken === 'string' ? accessToken : '';
    if (value === '') throw new RegistryError(`${what}: the token service answered no token`);
    return value;
  }
}

function basic(credentials: RegistryCredentials): string {
  return `Basic ${Buffer.from(`${credentials.username ?? ''}:${credentials.password ?? ''}`).toString('base64')}`;
}

/** A body read whole, refused once it passes `maxBytes`. */
export async function readBody(response: IncomingMessage, maxBytes: number, what: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      response.destroy();
      throw new RegistryError(`${what}: more than the ${String(maxBytes)} bytes accepted`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The `algorithm:hex` digest of bytes, for the algorithms go-digest registers. */
export function hasherFor(digest: string): Hash {
  const algorithm = digest.slice(0, digest.indexOf(':'));
  if (algorithm !== 'sha256' && algorithm !== 'sha384' && algorithm !== 'sha512')
    throw new RegistryError(`unsupported digest algorithm in ${digest}`);
  return createHash(algorithm);
}

/** Throws unless `bytes` have `digest`. */
export function verifyDigest(bytes: Buffer, digest: string, what: string): void {
  const actual = `${digest.slice(0, digest.indexOf(':'))}:${hasherFor(digest).update(bytes).digest('hex')}`;
  if (actual !== digest)
    throw new RegistryError(`${what}: content does not match its digest: expected ${digest}, got ${actual}`);
}
