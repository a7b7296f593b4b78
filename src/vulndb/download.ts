import { request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { KubewardError } from '../model/errors.ts';

/** A download that failed: the server could not be reached, refused, or sent too much. Exit 2. */
export class DownloadError extends KubewardError {
  override readonly name = 'DownloadError';
  constructor(message: string, options?: ErrorOptions) {
    super('input', message, options);
  }
}

/** How a file is downloaded. */
export interface DownloadOptions {
  /** Longest wait for the answer's headers, then for each read of its body. */
  readonly timeoutMs: number;
  /** Most bytes accepted, announced or not. */
  readonly maxBytes: number;
  /** Extra trusted CA certificates (PEM), beside Node's (and `NODE_EXTRA_CA_CERTS`). */
  readonly ca?: string | undefined;
  readonly userAgent: string;
}

/** What the copy already held says about itself (RFC 9110 §13.1: If-None-Match, If-Modified-Since). */
export interface Validators {
  readonly etag?: string | undefined;
  readonly lastModified?: string | undefined;
}

/** The answer to a conditional download: unchanged, or the new content as it streams. */
export type Download =
  | { readonly changed: false }
  | {
      readonly changed: true;
      readonly etag: string | undefined;
      readonly lastModified: string | undefined;
      /** The body, its size checked against `maxBytes` as it arrives. */
      readonly body: AsyncIterable<Buffer>;
    };

const MAX_REDIRECTS = 5;

function exchange(
  url: URL,
  headers: Record<string, string>,
  options: DownloadOptions,
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'http:' ? httpRequest : httpsRequest;
    const request = send(url, {
      method: 'GET',
      headers,
      ...(url.protocol === 'https:' && options.ca !== undefined ? { ca: options.ca } : {}),
    });
    const timer = setTimeout(() => {
      request.destroy(new Error(`no answer within ${String(options.timeoutMs)} ms`));
    }, options.timeoutMs);
    request.on('response', (response) => {
      clearTimeout(timer);
      response.setTimeout(options.timeoutMs, () => {
        response.destroy(
          new DownloadError(`${url.href}: the download stalled for ${String(options.timeoutMs)} ms`),
        );
      });
      resolve(response);
    });
    request.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.end();
  });
}

async function* bounded(response: IncomingMessage, url: string, maxBytes: number): AsyncGenerator<Buffer> {
  let size = 0;
  try {
    for await (const chunk of response as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes)
        throw new DownloadError(`${url}: more than the ${String(maxBytes)} bytes accepted`);
      yield chunk;
    }
  } catch (error) {
    if (error instanceof DownloadError) throw error;
    throw new DownloadError(`${url}: the download broke off: ${(error as Error).message}`, { cause: error });
  } finally {
    response.destroy();
  }
}

/**
 * GETs `url` over HTTPS (or HTTP when the URL says so), conditionally on what the copy held
 * (`304 Not Modified` is `changed: false`), following up to 5 redirects but never from HTTPS to
 * HTTP. Any failure, an unreachable host included, is a {@link DownloadError} naming the URL.
 */
export async function download(
  url: string,
  validators: Validators,
  options: DownloadOptions,
): Promise<Download> {
  let current: URL;
  try {
    current = new URL(url);
  } catch {
    throw new DownloadError(`${url}: not a URL`);
  }
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    if (current.protocol !== 'https:' && current.protocol !== 'http:')
      throw new DownloadError(`${current.href}: only https:// and http:// URLs are downloaded`);
    const headers: Record<string, string> = {
      'user-agent': options.userAgent,
      'accept-encoding': 'identity',
    };
    if (validators.etag !== undefined) headers['if-none-match'] = validators.etag;
    if (validators.lastModified !== undefined) headers['if-modified-since'] = validators.lastModified;
    let response: IncomingMessage;
    try {
      response = await exchange(current, headers, options);
    } catch (error) {
      throw new DownloadError(`${current.href}: ${(error as Error).message}`, { cause: error });
    }
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if ([301, 302, 303, 307, 308].includes(status) && location !== undefined) {
      response.resume();
      const next = new URL(location, current);
      if (current.protocol === 'https:' && next.protocol !== 'https:')
        throw new DownloadError(`${current.href}: refused a redirect from HTTPS to ${next.href}`);
      current = next;
      continue;
    }
    if (status === 304) {
      response.resume();
      return { changed: false };
    }
    if (status < 200 || status > 299) {
      response.resume();
      throw new DownloadError(
        `${current.href}: ${status === 404 ? 'not found' : 'refused'} (HTTP ${String(status)})`,
      );
    }
    const length = Number(response.headers['content-length']);
    if (Number.isFinite(length) && length > options.maxBytes) {
      response.destroy();
      throw new DownloadError(
        `${current.href}: ${String(length)} bytes, more than the ${String(options.maxBytes)} accepted`,
      );
    }
    return {
      changed: true,
      etag: response.headers.etag,
      lastModified: response.headers['last-modified'],
      body: bounded(response, current.href, options.maxBytes),
    };
  }
  throw new DownloadError(`${url}: more than ${String(MAX_REDIRECTS)} redirects`);
}
