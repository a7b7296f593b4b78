// A probe must end on its own whatever the server does: answer slowly, drip, or never stop sending.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import { PROBE_BODY_LIMIT, probeGet } from './http.ts';

describe('probeGet', () => {
  const servers: Server[] = [];
  after(() => {
    for (const server of servers) server.closeAllConnections();
    for (const server of servers) server.close();
  });

  const serve = (handler: Parameters<typeof createServer>[1]): Promise<URL> =>
    new Promise((resolve) => {
      const server = createServer(handler);
      servers.push(server);
      server.listen(0, '127.0.0.1', () => {
        resolve(new URL(`http://127.0.0.1:${String((server.address() as AddressInfo).port)}/`));
      });
    });

  it(
    'gives up on a server that drips its answer, at the deadline, not at an idle timeout',
    { timeout: 10_000 },
    async () => {
      const url = await serve((_request, response) => {
        response.writeHead(200);
        const drip = setInterval(() => response.write('x'), 50);
        response.on('close', () => {
          clearInterval(drip);
        });
      });
      const started = Date.now();
      const answer = await probeGet(url, 400);
      assert.deepEqual(answer, {
        kind: 'error',
        code: 'ETIMEDOUT',
        message: 'no complete answer within 400 ms',
      });
      assert.ok(Date.now() - started < 2000);
    },
  );

  it('keeps the first 4 KiB of an endless answer and stops reading', { timeout: 10_000 }, async () => {
    const url = await serve((_request, response) => {
      response.writeHead(200);
      const flood = (): void => {
        while (response.write('y'.repeat(16_384)));
        response.once('drain', flood);
      };
      flood();
    });
    const answer = await probeGet(url, 5000);
    assert.equal(answer.kind, 'response');
    assert.ok(answer.kind === 'response' && answer.status === 200 && answer.body.length === PROBE_BODY_LIMIT);
  });

  it('returns a short answer whole', async () => {
    const url = await serve((_request, response) => {
      response.writeHead(401, { 'content-type': 'application/json' });
      response.end('{"kind":"Status","code":401}');
    });
    assert.deepEqual(await probeGet(url, 2000), {
      kind: 'response',
      status: 401,
      body: '{"kind":"Status","code":401}',
    });
  });
});
