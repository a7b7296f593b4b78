import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Server } from 'node:https';
import { auditEventsOf } from '../../load/audit/events.ts';
import type { AuditEvent } from '../../load/audit/events.ts';
import { firstTooDeep } from '../../load/json-depth.ts';
import { LIMITS } from '../../load/limits.ts';
import { readBody } from '../body.ts';
import { plain, startHttpsServer } from '../https-server.ts';
import type { HttpsServerOptions } from '../https-server.ts';
import { AUDIT_WEBHOOK_DEFAULTS } from './defaults.ts';
import { EventQueue } from './queue.ts';

/** How to run the audit webhook backend. */
export interface AuditWebhookOptions extends Omit<HttpsServerOptions, 'budgetMs' | 'listeningFields'> {
  /** Matches one batch of events; the next batch waits for it (a slow one fills the queue). */
  readonly consume: (events: readonly AuditEvent[]) => Promise<void> | void;
  readonly maxBodyBytes?: number;
  readonly budgetMs?: number;
  readonly maxInFlight?: number;
  readonly maxQueueEvents?: number;
  readonly maxQueueBytes?: number;
}

/** What the audit webhook has counted since it started. */
export interface AuditWebhookCounts {
  /** Batches (EventList bodies) accepted and events in them. */
  readonly batches: number;
  readonly events: number;
  /** Requests answered 429 (queue full or too many bodies at once): the API server sends them again. */
  readonly refused: number;
  /** Requests answered with another 4xx: not an EventList, malformed, too large. */
  readonly rejected: number;
  /** Items of accepted EventLists that were not Events. */
  readonly dropped: number;
}

/** A running audit webhook. */
export interface AuditWebhook {
  readonly server: Server;
  readonly port: number;
  counts(): AuditWebhookCounts;
  /** Stops accepting, lets in-flight requests finish, matches what is queued, then resolves. */
  close(): Promise<void>;
}

/**
 * Starts the HTTPS audit webhook backend: kube-apiserver, given `--audit-webhook-config-file`, POSTs
 * `audit.k8s.io/v1` EventLists (application/json) to `POST /audit`; GET /healthz and /readyz serve
 * operations. TLS, certificate reload, timeouts and connection bounds are the admission webhook's
 * ({@link startHttpsServer}). Every request has a defined answer:
 *
 * | case | answer |
 * |---|---|
 * | the queue holds `maxQueueEvents` or `maxQueueBytes`, or `maxInFlight` bodies are being read | 429 with Retry-After: the API server retries the batch |
 * | wrong method | 405 with Allow |
 * | Content-Type not application/json | 415 |
 * | body over the limit | 413, connection closed |
 * | body not received within the budget | 408, connection closed |
 * | not JSON, too deep, not an audit.k8s.io/v1 EventList or Event | 400 naming why |
 * | accepted | 200, the events queued for matching (items that are no Event are counted as dropped) |
 *
 * Rejects with ConfigError when the certificate cannot be read, KubewardError (runtime) when the port
 * cannot be bound.
 */
export async function startAuditWebhook(options: AuditWebhookOptions): Promise<AuditWebhook> {
  const limit = options.maxBodyBytes ?? AUDIT_WEBHOOK_DEFAULTS.maxBodyBytes;
  const budgetMs = options.budgetMs ?? AUDIT_WEBHOOK_DEFAULTS.budgetMs;
  const maxInFlight = options.maxInFlight ?? AUDIT_WEBHOOK_DEFAULTS.maxInFlight;
  const { log } = options;
  const queue = new EventQueue(
    {
      maxEvents: options.maxQueueEvents ?? AUDIT_WEBHOOK_DEFAULTS.maxQueueEvents,
      maxBytes: options.maxQueueBytes ?? AUDIT_WEBHOOK_DEFAULTS.maxQueueBytes,
    },
    options.consume,
    (error) => {
      log('error', 'matching a batch failed', { error: (error as Error).message });
    },
  );
  const counts = { batches: 0, events: 0, refused: 0, rejected: 0, dropped: 0 };
  let inFlight = 0;
  let ready = (): boolean => false;

  const refuse = (response: ServerResponse, why: string): void => {
    counts.refused++;
    log('warn', 'batch refused; the API server retries it', {
      reason: why,
      queuedEvents: queue.events,
      queuedBytes: queue.bytes,
    });
    plain(response, 429, `${why}; retry\n`, { 'retry-after': '1' });
  };
  const reject = (response: ServerResponse, code: number, text: string, close = false): void => {
    counts.rejected++;
    log('warn', 'request rejected', { code, reason: text });
    plain(response, code, `${text}\n`, close ? { connection: 'close' } : {});
  };

  async function receive(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'POST') {
      plain(response, 405, 'method not allowed: POST an audit.k8s.io/v1 EventList\n', { allow: 'POST' });
      return;
    }
    const type = (request.headers['content-type'] ?? '').split(';', 1)[0]?.trim().toLowerCase();
    if (type !== 'application/json') {
      reject(response, 415, 'unsupported media type: send application/json', true);
      return;
    }
    if (queue.full) {
      refuse(response, 'event queue full');
      return;
    }
    if (inFlight >= maxInFlight) {
      refuse(response, 'too many batches in flight');
      return;
    }
    inFlight++;
    try {
      const body = await readBody(request, limit, budgetMs);
      if (!body.ok) {
        reject(response, body.code, body.message, true);
        return;
      }
      if (firstTooDeep(body.text, LIMITS.maxDepth) !== undefined) {
        reject(response, 400, `JSON nests deeper than ${String(LIMITS.maxDepth)}`);
        return;
      }
      let value: unknown;
      try {
        value = JSON.parse(body.text);
      } catch (error) {
        reject(response, 400, `malformed JSON: ${(error as Error).message}`);
        return;
      }
      const found = auditEventsOf(value);
      if (found.problems.length > 0 && found.problems.every((problem) => problem.item === undefined)) {
        reject(response, 400, found.problems.map((problem) => problem.message).join('; '));
        return;
      }
      if (!queue.offer(found.events, body.bytes)) {
        refuse(response, 'event queue full');
        return;
      }
      counts.batches++;
      counts.events += found.events.length;
      counts.dropped += found.problems.length;
      if (found.problems.length > 0)
        log('warn', 'items of the batch that are no Event were dropped', {
          dropped: found.problems.length,
          first: found.problems[0]?.message,
        });
      plain(response, 200, 'ok\n');
    } finally {
      inFlight--;
    }
  }

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '/').split('?', 1)[0] ?? '/';
    try {
      if (path === AUDIT_WEBHOOK_DEFAULTS.path) await receive(request, response);
      else if (request.method !== 'GET' && request.method !== 'HEAD')
        plain(response, 405, 'method not allowed\n', { allow: 'GET' });
      else if (path === '/healthz') plain(response, 200, 'ok\n');
      else if (path === '/readyz') plain(response, ready() ? 200 : 503, ready() ? 'ok\n' : 'shutting down\n');
      else plain(response, 404, `not found: POST audit events to ${AUDIT_WEBHOOK_DEFAULTS.path}\n`);
    } catch (error) {
      log('error', 'internal error', { error: (error as Error).message });
      if (!response.headersSent) plain(response, 500, 'internal error\n', { connection: 'close' });
      else response.destroy();
    }
  }

  const started = await startHttpsServer(
    {
      ...options,
      budgetMs,
      listeningFields: {
        path: AUDIT_WEBHOOK_DEFAULTS.path,
        maxBodyBytes: limit,
        maxInFlight,
        maxQueueEvents: options.maxQueueEvents ?? AUDIT_WEBHOOK_DEFAULTS.maxQueueEvents,
      },
    },
    (request, response) => {
      void route(request, response);
    },
  );
  ready = () => started.ready;
  return {
    server: started.server,
    port: started.port,
    counts: () => ({ ...counts }),
    close: async () => {
      await started.close();
      await queue.drained();
    },
  };
}
