import type { Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { firstTooDeep } from '../load/json-depth.ts';
import { LIMITS } from '../load/limits.ts';
import { readBody } from './body.ts';
import type { AdmissionPolicy, Verdict } from './evaluate.ts';
import type { Logger, LogLevel } from './log.ts';
import { WEBHOOK_DEFAULTS } from './defaults.ts';
import { evaluateAdmission } from './images.ts';
import { createMetrics } from './metrics.ts';
import type { WebhookMetrics } from './metrics.ts';
import { admissionResponse, admissionReviewReply, deniedBy } from './response.ts';
import { parseAdmissionReview } from './review.ts';
import { plain, startHttpsServer } from './https-server.ts';
import { quietCollector } from './memory.ts';
import type { QuietCollection } from './memory.ts';
import type { CertificateFiles } from './tls.ts';

/** How to run the admission webhook server. */
export interface WebhookServerOptions {
  readonly tls: CertificateFiles;
  readonly policy: AdmissionPolicy;
  readonly log: Logger;
  readonly port?: number;
  readonly host?: string;
  readonly maxBodyBytes?: number;
  readonly budgetMs?: number;
  /** How often the certificate files are polled for a rotation. */
  readonly reloadIntervalMs?: number;
  /** Time in-flight requests get to finish on shutdown before their connections are cut. */
  readonly shutdownGraceMs?: number;
  readonly handshakeTimeoutMs?: number;
  readonly headersTimeoutMs?: number;
  readonly keepAliveTimeoutMs?: number;
  readonly maxConnections?: number;
  readonly maxInFlight?: number;
  /** PEM file of the CA that signs the API server's client certificate; clients without one are refused. */
  readonly clientCa?: string;
  /** When garbage from large bodies is collected; by default after 16 MiB (or one body limit) and 1 s quiet. */
  readonly quietCollection?: QuietCollection;
  /** The metrics to count into (created when absent): given when the image judge counts its caches. */
  readonly metrics?: WebhookMetrics;
}

/** A running webhook server. */
export interface WebhookServer {
  readonly server: Server;
  readonly port: number;
  readonly metrics: WebhookMetrics;
  /** Stops accepting, fails /readyz, lets in-flight requests finish (up to the grace), then resolves. */
  close(): Promise<void>;
}

/**
 * Starts the HTTPS admission webhook: POST /validate takes an AdmissionReview v1; GET /healthz,
 * /readyz and /metrics serve operations. TLS 1.2 or later only; the certificate is reloaded when its
 * files change. Every failure has a defined answer:
 *
 * | case | answer |
 * |---|---|
 * | TLS handshake not finished within its timeout, more than `maxConnections` open | connection destroyed |
 * | headers not received within their timeout | 408, connection destroyed |
 * | more than `maxInFlight` reviews at once | 429 with Retry-After; the body is discarded unbuffered (the API server retries) |
 * | wrong method | 405 with Allow |
 * | Content-Type not application/json | 415 |
 * | body over the limit | 413, connection closed |
 * | body not received within the budget | 408, connection closed |
 * | not JSON, too deep, not an AdmissionReview v1 | 400 |
 * | object cannot be evaluated | 200, allowed: false, status 400 |
 * | an image the image policy cannot judge in time (registry timeout, no signature verifier) | 200, per the policy's failurePolicy: Fail denies naming the reason, Ignore admits with a warning |
 * | internal error while evaluating | 500: the API server applies the webhook's failurePolicy (Fail: denied) |
 *
 * Once no review has been in flight for a second after enough body bytes were read, garbage is
 * collected in full ({@link quietCollector}), so the memory a burst of large reviews took is returned.
 *
 * Rejects with ConfigError when the certificate cannot be read, KubewardError (runtime) when the
 * port cannot be bound.
 */
export async function startWebhookServer(options: WebhookServerOptions): Promise<WebhookServer> {
  const limit = options.maxBodyBytes ?? WEBHOOK_DEFAULTS.maxBodyBytes;
  const budgetMs = options.budgetMs ?? WEBHOOK_DEFAULTS.budgetMs;
  const headersTimeoutMs = options.headersTimeoutMs ?? WEBHOOK_DEFAULTS.headersTimeoutMs;
  const maxInFlight = options.maxInFlight ?? WEBHOOK_DEFAULTS.maxInFlight;
  const { log, policy } = options;
  const metrics = options.metrics ?? createMetrics();
  let inFlight = 0;
  const collection = options.quietCollection ?? {
    quietMs: WEBHOOK_DEFAULTS.collectQuietMs,
    afterBytes: Math.max(WEBHOOK_DEFAULTS.collectAfterBytes, limit),
    connectionBytes: WEBHOOK_DEFAULTS.connectionFootprintBytes,
  };
  const collector = quietCollector(collection);

  let ready = (): boolean => false;
  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    const started = process.hrtime.bigint();
    const path = (request.url ?? '/').split('?', 1)[0] ?? '/';
    response.on('finish', () => {
      metrics.observeRequest(path, response.statusCode, Number(process.hrtime.bigint() - started) / 1e9);
    });
    void route(request, response, path);
  };

  async function route(request: IncomingMessage, response: ServerResponse, path: string): Promise<void> {
    try {
      if (path === '/validate') {
        if (inFlight >= maxInFlight) {
          plain(response, 429, 'too many reviews in flight; retry\n', { 'retry-after': '1' });
          return;
        }
        inFlight++;
        collector.busy();
        try {
          await validate(request, response);
        } finally {
          if (--inFlight === 0) collector.quiet();
        }
        return;
      }
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        plain(response, 405, 'method not allowed\n', { allow: 'GET' });
      } else if (path === '/healthz') {
        plain(response, 200, 'ok\n');
      } else if (path === '/readyz') {
        plain(response, ready() ? 200 : 503, ready() ? 'ok\n' : 'shutting down\n');
      } else if (path === '/metrics') {
        plain(response, 200, metrics.render(), {
          'content-type': 'text/plain; version=0.0.4; charset=utf-8',
        });
      } else {
        plain(response, 404, 'not found\n');
      }
    } catch (error) {
      log('error', 'internal error', { error: (error as Error).message });
      if (!response.headersSent) plain(response, 500, 'internal error\n', { connection: 'close' });
      else response.destroy();
    }
  }

  async function validate(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'POST') {
      plain(response, 405, 'method not allowed: POST an AdmissionReview\n', { allow: 'POST' });
      return;
    }
    const type = (request.headers['content-type'] ?? '').split(';', 1)[0]?.trim().toLowerCase();
    if (type !== 'application/json') {
      plain(response, 415, 'unsupported media type: send application/json\n', { connection: 'close' });
      return;
    }
    const body = await readBody(request, limit, budgetMs);
    collector.received(body.bytes);
    if (!body.ok) {
      log('warn', 'request body refused', { code: body.code, reason: body.message });
      plain(response, body.code, `${body.message}\n`, { connection: 'close' });
      return;
    }
    if (firstTooDeep(body.text, LIMITS.maxDepth) !== undefined) {
      plain(response, 400, `JSON nests deeper than ${String(LIMITS.maxDepth)}\n`);
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.text);
    } catch (error) {
      plain(response, 400, `malformed JSON: ${(error as Error).message}\n`);
      return;
    }
    const admission = parseAdmissionReview(parsed);
    if (typeof admission === 'string') {
      plain(response, 400, `not an AdmissionReview admission.k8s.io/v1: ${admission}\n`);
      return;
    }
    const started = performance.now();
    const verdict = await evaluateAdmission(admission, policy);
    const dryRun = admission.dryRun === true;
    metrics.observeReview(admission.operation, verdict.allowed, dryRun);
    const deniers = deniedBy(verdict);
    if (!dryRun) for (const denier of deniers) metrics.observeDenial(denier);
    log(levelOf(verdict), verdict.allowed ? 'admitted' : 'denied', {
      uid: admission.uid,
      operation: admission.operation,
      kind: admission.kind.kind,
      namespace: admission.namespace,
      name: admission.name,
      user: admission.userInfo?.username,
      dryRun,
      violations: verdict.violations.length + (verdict.imageViolations?.length ?? 0),
      warnings: verdict.warnings.length + (verdict.imageWarnings?.length ?? 0),
      deniedBy: deniers.join(',') || undefined,
      skipped: verdict.skipped,
      invalid: verdict.invalid,
      ms: Math.round((performance.now() - started) * 1000) / 1000,
    });
    const text = JSON.stringify(admissionReviewReply(admissionResponse(admission.uid, verdict)));
    response.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
    });
    response.end(text);
  }

  const started = await startHttpsServer(
    {
      ...options,
      budgetMs,
      headersTimeoutMs,
      onCertificateReload: (ok) => {
        metrics.observeCertificateReload(ok);
      },
      onConnectionClosed: () => {
        collector.received(collection.connectionBytes ?? 0);
        if (inFlight === 0) collector.quiet();
      },
      listeningFields: { maxBodyBytes: limit, budgetMs, maxInFlight },
    },
    handle,
  );
  ready = () => started.ready;
  return {
    server: started.server,
    port: started.port,
    metrics,
    close: () => {
      collector.stop();
      return started.close();
    },
  };
}

/** Denials are warnings; admissions with warnings are info; clean admissions, the bulk, are debug. */
function levelOf(verdict: Verdict): LogLevel {
  if (!verdict.allowed) return 'warn';
  return verdict.warnings.length > 0 ||
    verdict.policyWarnings.length > 0 ||
    (verdict.imageWarnings?.length ?? 0) > 0
    ? 'info'
    : 'debug';
}
