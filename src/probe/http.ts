import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { ProbeResponse } from '../controlplane/verdicts/result.ts';

/** Bytes of body kept as evidence. */
const BODY_LIMIT = 4096;

/**
 * Sends one GET without credentials and without verifying the server certificate (a probe asks what
 * the server gives a stranger; it authenticates nothing). Never sends a body, never follows redirects.
 */
export function probeGet(url: URL, timeoutMs: number): Promise<ProbeResponse> {
  return new Promise((resolve) => {
    const options = { method: 'GET', timeout: timeoutMs, headers: { accept: 'application/json' } };
    const callback = (response: import('node:http').IncomingMessage): void => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        if (body.length < BODY_LIMIT) body += chunk;
      });
      response.on('end', () => {
        resolve({ kind: 'response', status: response.statusCode ?? 0, body: body.slice(0, BODY_LIMIT) });
      });
      response.on('error', (error: NodeJS.ErrnoException) => {
        resolve({ kind: 'error', code: error.code ?? 'ERROR', message: error.message });
      });
    };
    const request =
      url.protocol === 'https:'
        ? httpsRequest(url, { ...options, rejectUnauthorized: false }, callback)
        : httpRequest(url, options, callback);
    request.on('timeout', () =>
      request.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })),
    );
    request.on('error', (error: NodeJS.ErrnoException) => {
      resolve({ kind: 'error', code: error.code ?? 'ERROR', message: error.message });
    });
    request.end();
  });
}
