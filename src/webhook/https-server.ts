import { createServer } from 'node:https';
import type { Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubewardError } from '../model/errors.ts';
import { trackConnections } from './connections.ts';
import { WEBHOOK_DEFAULTS } from './defaults.ts';
import type { LogFields, Logger } from './log.ts';
import { clientAuthentication, readCertificate, SERVING_TLS, watchCertificate } from './tls.ts';
import type { CertificateFiles } from './tls.ts';

/** The TLS, timeouts and bounds of an HTTPS server the API server calls (admission or audit webhook). */
export interface HttpsServerOptions {
  readonly tls: CertificateFiles;
  readonly log: Logger;
  readonly port?: number;
  readonly host?: string;
  /** Time after the headers a request has to be received and answered. */
  readonly budgetMs: number;
  /** How often the certificate files are polled for a rotation. */
  readonly reloadIntervalMs?: number;
  /** Time in-flight requests get to finish on shutdown before their connections are cut. */
  readonly shutdownGraceMs?: number;
  readonly handshakeTimeoutMs?: number;
  readonly headersTimeoutMs?: number;
  readonly keepAliveTimeoutMs?: number;
  readonly maxConnections?: number;
  /** PEM file of the CA that signs the API server's client certificate; clients without one are refused. */
  readonly clientCa?: string;
  /** Told of each certificate reload, successful or not (metrics). */
  readonly onCertificateReload?: (ok: boolean) => void;
  /** Runs after each connection closed. */
  readonly onConnectionClosed?: () => void;
  /** Fields of the `listening` log line besides port, TLS version and client certificates. */
  readonly listeningFields?: LogFields;
}

/** A running HTTPS server. */
export interface HttpsService {
  readonly server: Server;
  readonly port: number;
  /** False once shutdown has begun (serve /readyz from it). */
  readonly ready: boolean;
  /** Stops accepting, lets in-flight requests finish (up to the grace), then resolves. */
  close(): Promise<void>;
}

/**
 * Starts an HTTPS server with the serving rules both webhooks share: TLS 1.2+ with AEAD suites
 * ({@link SERVING_TLS}), an optional client certificate requirement, the certificate reloaded when
 * its files change (a bad new pair keeps the old one), handshake, header, request and keep-alive
 * timeouts, a bound on connections, and malformed or slow requests answered 400 or 408 and closed.
 * Rejects with ConfigError when the certificate cannot be read, KubewardError (runtime) when the port
 * cannot be bound.
 */
export async function startHttpsServer(
  options: HttpsServerOptions,
  handle: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<HttpsService> {
  const { log } = options;
  const headersTimeoutMs = options.headersTimeoutMs ?? WEBHOOK_DEFAULTS.headersTimeoutMs;
  const clientTls = options.clientCa === undefined ? {} : clientAuthentication(options.clientCa);
  let ready = false;
  const server = createServer(
    {
      ...readCertificate(options.tls),
      ...SERVING_TLS,
      ...clientTls,
      handshakeTimeout: options.handshakeTimeoutMs ?? WEBHOOK_DEFAULTS.handshakeTimeoutMs,
      headersTimeout: headersTimeoutMs,
      requestTimeout: headersTimeoutMs + options.budgetMs,
      keepAliveTimeout: options.keepAliveTimeoutMs ?? WEBHOOK_DEFAULTS.keepAliveTimeoutMs,
      connectionsCheckingInterval: Math.min(1000, headersTimeoutMs),
    },
    handle,
  );
  server.maxConnections = options.maxConnections ?? WEBHOOK_DEFAULTS.maxConnections;
  const connections = trackConnections(server, options.onConnectionClosed);
  server.on('tlsClientError', (error, socket) => {
    log('debug', 'TLS handshake failed', { error: error.message });
    socket.destroy();
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    log('debug', 'malformed or slow HTTP request', { error: error.message });
    const status = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
    if (socket.writable) {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
      setTimeout(() => socket.destroy(), 100).unref();
    } else socket.destroy();
  });

  const stopWatching = watchCertificate(
    options.tls,
    options.reloadIntervalMs ?? WEBHOOK_DEFAULTS.reloadIntervalMs,
    (context) => {
      server.setSecureContext({ ...context, ...SERVING_TLS, ...clientTls });
      options.onCertificateReload?.(true);
      log('info', 'serving certificate reloaded', { cert: options.tls.cert });
    },
    (error) => {
      options.onCertificateReload?.(false);
      log('error', 'serving certificate not reloaded; keeping the previous one', { error: error.message });
    },
  );

  const host = options.host ?? WEBHOOK_DEFAULTS.host;
  const requestedPort = options.port ?? WEBHOOK_DEFAULTS.port;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(requestedPort, host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch((error: unknown) => {
    stopWatching();
    throw new KubewardError(
      'runtime',
      `cannot listen on ${host}:${String(requestedPort)}: ${(error as Error).message}`,
      { cause: error },
    );
  });
  ready = true;
  const port = (server.address() as AddressInfo).port;
  log('info', 'listening', {
    port,
    tlsMinVersion: SERVING_TLS.minVersion,
    clientCertificates: options.clientCa === undefined ? 'not required' : 'required',
    ...options.listeningFields,
  });

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= new Promise<void>((resolve) => {
      ready = false;
      stopWatching();
      const grace = setTimeout(() => {
        connections.destroyAll();
      }, options.shutdownGraceMs ?? WEBHOOK_DEFAULTS.shutdownGraceMs);
      server.close(() => {
        clearTimeout(grace);
        log('info', 'stopped');
        resolve();
      });
      server.closeIdleConnections();
    }));
  return {
    server,
    port,
    get ready() {
      return ready;
    },
    close,
  };
}

/** Answers with a short plain-text body (and any extra headers). */
export function plain(
  response: ServerResponse,
  code: number,
  text: string,
  headers: Readonly<Record<string, string>> = {},
): void {
  response.writeHead(code, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}
