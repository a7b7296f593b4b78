import { request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { ProbeResponse } from '../controlplane/verdicts/result.ts';

/** Bytes of body kept as evidence; the response is not read further. */
export const PROBE_BODY_LIMIT = 4096;

/**
 * Sends one GET without credentials and without verifying the server certificate (a probe asks what
 * the server gives a stranger; it authenticates nothing). Never sends a body, never follows redirects.
 * The whole exchange (connect, TLS, headers, body) must end within `timeoutMs`: a server that drips
 * its answer is cut off then. The body is read up to PROBE_BODY_LIMIT bytes, then the connection is
 * closed, so an endless answer costs neither memory nor time.
 */
export function probeGet(url: URL, timeoutMs: number): Promise<ProbeResponse> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (response: ProbeResponse): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      request.destroy();
      resolve(response);
    };
    const failed = (error: NodeJS.ErrnoException): void => {
      settle({ kind: 'error', code: error.code ?? 'ERROR', message: error.message });
    };
    const options = { method: 'GET', headers: { accept: 'application/json' } };
    const callback = (response: IncomingMessage): void => {
      const status = response.statusCode ?? 0;
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
        if (body.length >= PROBE_BODY_LIMIT)
          settle({ kind: 'response', status, body: body.slice(0, PROBE_BODY_LIMIT) });
      });
      response.on('end', () => {
        settle({ kind: 'response', status, body });
      });
      response.on('error', failed);
    };
    const request =
      url.protocol === 'https:'
        ? httpsRequest(url, { ...options, rejectUnauthorized: false }, callback)
        : httpRequest(url, options, callback);
    const deadline = setTimeout(() => {
      failed(
        Object.assign(new Error(`no complete answer within ${String(timeoutMs)} ms`), { code: 'ETIMEDOUT' }),
      );
    }, timeoutMs);
    request.on('error', failed);
    request.end();
  });
}
