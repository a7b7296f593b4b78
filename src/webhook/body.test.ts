// readBody against a real node:http server on 127.0.0.1: bodies arrive in the chunks the client wrote.
import assert from 'node:assert/strict';
import { createServer, request } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { readBody } from './body.ts';

const LIMIT = 64;

/** Sends `parts` as separate writes, a pause between each, and resolves to the answer's text. */
function send(server: Server, parts: readonly Buffer[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const call = request(
      {
        host: '127.0.0.1',
        port: (server.address() as AddressInfo).port,
        method: 'POST',
        agent: false,
        headers: { 'transfer-encoding': 'chunked' },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          resolve(text);
        });
      },
    );
    call.on('error', reject);
    call.flushHeaders();
    const next = (index: number): void => {
      const part = parts[index];
      if (part === undefined) {
        call.end();
        return;
      }
      call.write(part);
      setTimeout(() => {
        next(index + 1);
      }, 30);
    };
    next(0);
  });
}

describe('readBody', () => {
  let server: Server;
  before(async () => {
    server = createServer((request, response) => {
      void readBody(request, LIMIT, 5000).then((read) => {
        response.end(read.ok ? `${String(read.bytes)} ${read.text}` : String(read.code));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  after(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('decodes UTF-8 characters split across chunks, and counts bytes, not characters', async () => {
    // é is 2 bytes, € 3, 😀 4: each is cut inside its encoding.
    const bytes = Buffer.from('{"a":"é€😀"}', 'utf8');
    const cuts = [7, 9, 12, 14, bytes.length];
    const parts = cuts.map((end, index) => bytes.subarray(index === 0 ? 0 : cuts[index - 1], end));
    assert.equal(await send(server, parts), `${String(bytes.length)} {"a":"é€😀"}`);
  });

  it('ends a body cut inside a character with U+FFFD, as a whole-buffer decode does', async () => {
    const bytes = Buffer.from('"€', 'utf8').subarray(0, 3);
    assert.equal(await send(server, [bytes]), `3 ${bytes.toString('utf8')}`);
    assert.equal(bytes.toString('utf8'), '"\uFFFD');
  });

  it('refuses with 413 a chunked body that passes the limit in its last chunk', async () => {
    const parts = [Buffer.alloc(LIMIT - 1, 0x61), Buffer.from('bc')];
    assert.equal(await send(server, parts), '413');
    assert.equal(await send(server, [Buffer.alloc(LIMIT, 0x61)]), `${String(LIMIT)} ${'a'.repeat(LIMIT)}`);
  });
});
