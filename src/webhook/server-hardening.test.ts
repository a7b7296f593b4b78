// Hostile clients against the real server over real TLS on 127.0.0.1: connections that never finish
// their handshake, slow headers (slowloris), more reviews than the server takes at once, shutdown with
// stuck connections, and the cipher suites offered. Every loop is bounded in count and time.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:https';
import { connect as connectTcp } from 'node:net';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { connect as connectTls, getCiphers } from 'node:tls';
import type { TLSSocket } from 'node:tls';
import { CHECKS } from '../checks/registry.ts';
import { parseConfig } from '../config/parse-config.ts';
import { STRONG_CIPHER_SUITES } from '../controlplane/tls-policy.ts';
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { issueCertificates, writeCertificates } from './cert.ts';
import { issueCertificate, keyIdentifier } from './x509.ts';
import type { IssuedCertificates } from './cert.ts';
import { startWebhookServer } from './server.ts';
import type { WebhookServer, WebhookServerOptions } from './server.ts';

function readFixture(name: string): string {
  return readFileSync(join(import.meta.dirname, '..', '..', 'testdata', 'webhook', name), 'utf8');
}

const REVIEW = readFixture('review-deployment.json');

type Tuning = Omit<WebhookServerOptions, 'tls' | 'policy' | 'log'>;

/** Resolves when the socket closes, or rejects after `ms`. */
function closedWithin(socket: Socket, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.destroyed) {
      resolve();
      return;
    }
    const timer = setTimeout(() => {
      reject(new Error(`socket still open after ${String(ms)} ms`));
    }, ms);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

function openConnections(webhook: WebhookServer): Promise<number> {
  return new Promise((resolve, reject) => {
    webhook.server.getConnections((error, count) => {
      if (error) reject(error);
      else resolve(count);
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('kubeward webhook serve under hostile clients', () => {
  let dir = '';
  let issued: IssuedCertificates;
  const servers: WebhookServer[] = [];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kubeward-webhook-hostile-'));
    issued = issueCertificates({ service: 's', namespace: 'n', days: 1, extraNames: ['localhost'] });
    await writeCertificates(dir, issued);
  });
  after(async () => {
    await Promise.all(servers.map((server) => server.close()));
    await rm(dir, { recursive: true, force: true });
  });

  const start = async (tuning: Tuning): Promise<WebhookServer> => {
    const server = await startWebhookServer({
      tls: { cert: join(dir, 'tls.crt'), key: join(dir, 'tls.key') },
      policy: { checks: CHECKS, run: parseConfig('test.yaml', '{}', CHECKS).run, denyOn: 'high' },
      log: () => undefined,
      port: 0,
      host: '127.0.0.1',
      ...tuning,
    });
    servers.push(server);
    return server;
  };

  const tls = (server: WebhookServer, options: Record<string, unknown> = {}): Promise<TLSSocket> =>
    new Promise((resolve, reject) => {
      const socket = connectTls({
        host: '127.0.0.1',
        port: server.port,
        servername: 'localhost',
        ca: issued.caCert,
        ...options,
      });
      socket.once('secureConnect', () => {
        resolve(socket);
      });
      socket.once('error', reject);
    });

  /** Posts a review; `hold` sends the headers and half the body, and the rest when it resolves. */
  const post = (
    server: WebhookServer,
    hold: Promise<void> = Promise.resolve(),
    body: string = REVIEW,
  ): Promise<{ status: number; headers: Record<string, unknown>; text: string }> =>
    new Promise((resolve, reject) => {
      const call = request(
        {
          host: '127.0.0.1',
          servername: 'localhost',
          port: server.port,
          path: '/validate',
          method: 'POST',
          ca: issued.caCert,
          agent: false,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (response) => {
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString()));
          response.on('end', () => {
            resolve({ status: response.statusCode ?? 0, headers: response.headers, text });
          });
        },
      );
      call.on('error', reject);
      call.flushHeaders();
      call.write(body.slice(0, 100));
      void hold.then(() => call.end(body.slice(100)));
    });

  it('destroys connections that never start TLS, and refuses those over maxConnections', async () => {
    const server = await start({ handshakeTimeoutMs: 300, maxConnections: 40 });
    const sockets = await Promise.all(
      Array.from(
        { length: 100 },
        () =>
          new Promise<Socket>((resolve, reject) => {
            const socket = connectTcp({ host: '127.0.0.1', port: server.port }, () => {
              resolve(socket);
            });
            socket.on('error', () => undefined);
            socket.once('error', reject);
          }),
      ),
    );
    await Promise.all(sockets.map((socket) => closedWithin(socket, 3000)));
    assert.equal((await post(server)).status, 200);
  });

  it('closes a connection whose headers come too slowly (slowloris) within the headers timeout', async () => {
    const server = await start({ headersTimeoutMs: 400 });
    const socket = await tls(server);
    socket.on('error', () => undefined);
    socket.write('POST /validate HTTP/1.1\r\nHost: localhost\r\n');
    const dripping = setInterval(() => socket.write('X-Drip: 1\r\n'), 100);
    try {
      const started = Date.now();
      await closedWithin(socket, 3000);
      assert.ok(Date.now() - started < 2500);
    } finally {
      clearInterval(dripping);
    }
  });

  it('destroys the connection after answering a malformed request, even if the client never closes its side', async () => {
    const server = await start({});
    const socket = await tls(server, { allowHalfOpen: true });
    socket.on('error', () => undefined);
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    socket.write('NOT HTTP AT ALL\r\n\r\n');
    await new Promise((resolve) => socket.once('end', resolve));
    assert.match(answer, /^HTTP\/1\.1 400 /);
    const deadline = Date.now() + 2000;
    while ((await openConnections(server)) > 0) {
      assert.ok(Date.now() < deadline, 'the server kept the half-closed connection');
      await sleep(50);
    }
    socket.destroy();
  });

  it('answers reviews over maxInFlight with 429 and Retry-After, and the others normally', async () => {
    const server = await start({ maxInFlight: 2, budgetMs: 5000 });
    let release = (): void => undefined;
    const hold = new Promise<void>((resolve) => (release = resolve));
    const held = [post(server, hold), post(server, hold)];
    await sleep(200);
    const refused = await post(server);
    assert.equal(refused.status, 429);
    assert.equal(refused.headers['retry-after'], '1');
    release();
    assert.deepEqual(
      (await Promise.all(held)).map((answer) => answer.status),
      [200, 200],
    );
    assert.equal((await post(server)).status, 200);
  });

  it('collects garbage once no review has been in flight for the quiet period after enough bytes', async () => {
    const QUIET_MS = 600;
    let collections = 0;
    const server = await start({
      budgetMs: 5000,
      quietCollection: {
        quietMs: QUIET_MS,
        afterBytes: 2 * Buffer.byteLength(REVIEW),
        collect: () => {
          collections++;
        },
      },
    });
    assert.equal((await post(server)).status, 200);
    await sleep(2 * QUIET_MS);
    assert.equal(collections, 0, 'one review is below afterBytes');
    assert.equal((await post(server)).status, 200);
    let release = (): void => undefined;
    const held = post(server, new Promise<void>((resolve) => (release = resolve)));
    await sleep(2 * QUIET_MS);
    assert.equal(collections, 0, 'a review in flight defers the collection');
    release();
    assert.equal((await held).status, 200);
    await sleep(2 * QUIET_MS);
    assert.equal(collections, 1, 'quiet after enough bytes: collected once');
  });

  it('collects garbage once quiet after enough connections closed, without any review', async () => {
    const QUIET_MS = 300;
    let collections = 0;
    const server = await start({
      quietCollection: {
        quietMs: QUIET_MS,
        afterBytes: 10,
        connectionBytes: 1,
        collect: () => collections++,
      },
    });
    const open = async (): Promise<Socket> =>
      new Promise<Socket>((resolve) => {
        const socket = connectTcp({ host: '127.0.0.1', port: server.port }, () => {
          resolve(socket);
        });
        socket.on('error', () => undefined);
      });
    const close = async (sockets: readonly Socket[]): Promise<void> => {
      for (const socket of sockets) socket.destroy();
      await sleep(2 * QUIET_MS);
    };
    await close(await Promise.all(Array.from({ length: 9 }, open)));
    assert.equal(collections, 0, 'nine closed connections are below afterBytes');
    await close(await Promise.all(Array.from({ length: 2 }, open)));
    assert.equal(collections, 1, 'quiet after the eleventh closed connection: collected once');
  });

  it('stops within the shutdown grace although clients hold connections open mid-handshake', async () => {
    const server = await start({ handshakeTimeoutMs: 60_000, shutdownGraceMs: 300 });
    const sockets = await Promise.all(
      Array.from(
        { length: 20 },
        () =>
          new Promise<Socket>((resolve) => {
            const socket = connectTcp({ host: '127.0.0.1', port: server.port }, () => {
              resolve(socket);
            });
            socket.on('error', () => undefined);
          }),
      ),
    );
    const keptAlive = await tls(server);
    keptAlive.on('error', () => undefined);
    const started = Date.now();
    await server.close();
    assert.ok(Date.now() - started < 1500, `close took ${String(Date.now() - started)} ms`);
    await Promise.all([...sockets, keptAlive].map((socket) => closedWithin(socket, 1000)));
  });

  it('denies a privileged kubectl debug container added through pods/ephemeralcontainers', async () => {
    const server = await start({});
    const answer = await post(server, undefined, readFixture('review-ephemeral-container.json'));
    assert.equal(answer.status, 200);
    const { response } = JSON.parse(answer.text) as {
      response: { allowed: boolean; status: { code: number; message: string } };
    };
    assert.equal(response.allowed, false);
    assert.equal(response.status.code, 403);
    assert.match(response.status.message, /\[pss-privileged\] .*debugger-k8x2p/);
  });

  it('with --client-ca, refuses clients without a certificate from that CA and serves those with one', async () => {
    const ca = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const caIssuer = {
      commonName: 'apiserver client CA',
      privateKey: ca.privateKey,
      keyIdentifier: keyIdentifier(ca.publicKey),
    };
    const notBefore = new Date(Date.now() - 60_000);
    const notAfter = new Date(Date.now() + 3_600_000);
    const caCert = issueCertificate(
      { commonName: caIssuer.commonName, publicKey: ca.publicKey, notBefore, notAfter, ca: true },
      caIssuer,
    );
    const client = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const clientCert = issueCertificate(
      {
        commonName: 'kube-apiserver',
        publicKey: client.publicKey,
        notBefore,
        notAfter,
        ca: false,
        extendedKeyUsage: ['clientAuth'],
      },
      caIssuer,
    );
    const caFile = join(dir, 'client-ca.crt');
    writeFileSync(caFile, caCert);
    const server = await start({ clientCa: caFile });
    const anonymous = await tls(server).then(
      (socket) =>
        new Promise<string>((resolve) => {
          socket.on('error', (error: Error) => {
            resolve(error.message);
          });
          socket.on('close', () => {
            resolve('closed');
          });
          socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n');
        }),
      (error: unknown) => (error as Error).message,
    );
    assert.match(anonymous, /certificate required|closed|ECONNRESET|alert/i);
    const authenticated = await tls(server, {
      cert: clientCert,
      key: client.privateKey.export({ type: 'pkcs8', format: 'pem' }),
    });
    const answer = await new Promise<string>((resolve) => {
      let text = '';
      authenticated.on('data', (chunk: Buffer) => (text += chunk.toString()));
      authenticated.on('end', () => {
        resolve(text);
      });
      authenticated.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    });
    assert.match(answer, /^HTTP\/1\.1 200 /);
  });

  it('negotiates under TLS 1.2 only suites that the tls-version-and-ciphers check accepts', async () => {
    const server = await start({});
    const accepted: string[] = [];
    for (const cipher of getCiphers()) {
      if (cipher.startsWith('tls_')) continue;
      const socket = await tls(server, { maxVersion: 'TLSv1.2', ciphers: cipher.toUpperCase() }).catch(
        () => undefined,
      );
      if (!socket) continue;
      accepted.push(socket.getCipher().standardName);
      socket.destroy();
    }
    assert.ok(accepted.length > 0, 'no TLS 1.2 suite was accepted');
    assert.deepEqual(
      accepted.filter((suite) => !STRONG_CIPHER_SUITES.has(suite)),
      [],
    );
    const modern = await tls(server);
    assert.equal(modern.getProtocol(), 'TLSv1.3');
    modern.destroy();
  });
});
