import type { IncomingMessage } from 'node:http';
import { StringDecoder } from 'node:string_decoder';

type Outcome =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly code: 400 | 408 | 413; readonly message: string };

/** A request body read in full, or the HTTP status that answers why it was not; `bytes` were read either way. */
export type BodyRead = Outcome & { readonly bytes: number };

/**
 * Reads a request body of at most `limit` bytes within `budgetMs` as UTF-8 text. Each chunk is decoded
 * as it arrives, so no chunk outlives its event and the body is never held twice (chunks, then their
 * copy). A declared Content-Length above the limit is refused before reading; a body that grows past it stops being read (413); a client
 * too slow to send it gets 408; a client that goes away gets 400 (nobody reads that answer).
 * Never rejects.
 */
export function readBody(request: IncomingMessage, limit: number, budgetMs: number): Promise<BodyRead> {
  const declared = Number(request.headers['content-length'] ?? '0');
  if (declared > limit)
    return Promise.resolve({
      ok: false,
      code: 413,
      message: `body of ${String(declared)} bytes exceeds ${String(limit)}`,
      bytes: 0,
    });
  return new Promise((resolve) => {
    const decoder = new StringDecoder('utf8');
    let text = '';
    let size = 0;
    const finish = (result: Outcome): void => {
      clearTimeout(timer);
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
      request.off('aborted', onError);
      if (!result.ok) request.pause();
      resolve({ ...result, bytes: size });
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) finish({ ok: false, code: 413, message: `body exceeds ${String(limit)} bytes` });
      else text += decoder.write(chunk);
    };
    const onEnd = (): void => {
      finish({ ok: true, text: text + decoder.end() });
    };
    const onError = (): void => {
      finish({ ok: false, code: 400, message: 'client closed the request' });
    };
    const timer = setTimeout(() => {
      finish({ ok: false, code: 408, message: `body not received within ${String(budgetMs)} ms` });
    }, budgetMs);
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
    request.on('aborted', onError);
  });
}
