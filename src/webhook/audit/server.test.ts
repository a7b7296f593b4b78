// Integration tests: the audit webhook backend over real HTTPS, called as kube-apiserver calls it
// with --audit-webhook-config-file (k8s.io/apiserver plugin/pkg/audit/webhook: POST of an
// audit.k8s.io/v1 EventList, application/json; 429 and 5xx answers are retried with backoff).
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { load } from '../../load/js-yaml.ts';
import type { AuditEvent } from '../../load/audit/events.ts';
import { auditEvent } from '../../testing/audit-events.ts';
import { issue } from '../../testing/test-pki.ts';
import { needs } from '../../testing/tools.ts';
import type { LogFields } from '../log.ts';
import { auditWebhookKubeconfig } from './kubeconfig.ts';
import { startAuditWebhook } from './server.ts';
import type { AuditWebhook } from './server.ts';

interface Answer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly text: string;
}

/** What kube-apiserver reads from the generated file: the server URL and the CA it trusts. */
interface Target {
  readonly url: URL;
  readonly ca: string;
}

function targetOf(kubeconfig: string): Target {
  const config = load(kubeconfig) as {
    clusters: { cluster: { server: string; 'certificate-authority-data': string } }[];
  };
  const cluster = config.clusters[0]?.cluster;
  assert.ok(cluster);
  return {
    url: new URL(cluster.server),
    ca: Buffer.from(cluster['certificate-authority-data'], 'base64').toString('utf8'),
  };
}

function post(
  target: Target,
  body: string | undefined,
  options: { method?: string; type?: string; path?: string; cert?: Buffer; key?: Buffer } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const call = request(
      {
        host: target.url.hostname,
        port: target.url.port,
        path: options.path ?? target.url.pathname,
        method: options.method ?? 'POST',
        ca: target.ca,
        agent: false,
        ...(options.cert === undefined ? {} : { cert: options.cert, key: options.key }),
        headers: body === undefined ? {} : { 'content-type': options.type ?? 'application/json' },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text });
        });
      },
    );
    call.on('error', reject);
    call.end(body);
  });
}

const eventList = (events: readonly unknown[]): string =>
  JSON.stringify({ kind: 'EventList', apiVersion: 'audit.k8s.io/v1', metadata: {}, items: events });

describe('kubeward detect serve over HTTPS', needs('openssl'), () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubeward-audit-webhook-'));
  const received: AuditEvent[] = [];
  const logs: { msg: string; fields: LogFields }[] = [];
  let hold: Promise<void> | undefined;
  let webhook: AuditWebhook;
  let target: Target;

  before(async () => {
    issue(dir, { subject: '/CN=audit-ca', path: 'ca', ca: true });
    issue(dir, {
      subject: '/CN=kubeward-detect',
      path: 'tls',
      issuer: 'ca',
      sans: ['DNS:localhost', 'IP:127.0.0.1'],
    });
    webhook = await startAuditWebhook({
      tls: { cert: join(dir, 'tls.crt'), key: join(dir, 'tls.key') },
      log: (_level, msg, fields = {}) => logs.push({ msg, fields }),
      port: 0,
      host: '127.0.0.1',
      maxBodyBytes: 64 * 1024,
      maxQueueEvents: 3,
      reloadIntervalMs: 50,
      consume: async (events) => {
        if (hold !== undefined) await hold;
        for (const event of events) received.push(event);
      },
    });
    target = targetOf(
      auditWebhookKubeconfig({
        server: `https://127.0.0.1:${String(webhook.port)}/audit`,
        caPem: readFileSync(join(dir, 'ca.crt'), 'utf8'),
      }),
    );
  });

  after(async () => {
    await webhook.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes the EventList the API server POSTs, trusted through the generated kubeconfig, and matches its events in order', async () => {
    received.length = 0;
    const answer = await post(
      target,
      eventList([auditEvent({ verb: 'create' }), auditEvent({ verb: 'delete' })]),
    );
    assert.equal(answer.status, 200);
    assert.equal(answer.text, 'ok\n');
    for (let i = 0; i < 100 && received.length < 2; i++)
      await new Promise((resolve) => setTimeout(resolve, 5));
    assert.deepEqual(
      received.map((event) => event.verb),
      ['create', 'delete'],
    );
  });

  it('answers 429 with Retry-After while its queue is full, and takes batches again once it drains', async () => {
    received.length = 0;
    let release = (): void => undefined;
    hold = new Promise((resolve) => (release = resolve));
    const three = eventList([auditEvent(), auditEvent(), auditEvent()]);
    assert.equal((await post(target, three)).status, 200);
    const refused = await post(target, eventList([auditEvent({ verb: 'patch' })]));
    assert.equal(refused.status, 429);
    assert.equal(refused.headers['retry-after'], '1');
    assert.equal(refused.text, 'event queue full; retry\n');
    assert.equal(webhook.counts().refused, 1);
    release();
    hold = undefined;
    for (let i = 0; i < 100 && received.length < 3; i++)
      await new Promise((resolve) => setTimeout(resolve, 5));
    assert.equal((await post(target, eventList([auditEvent({ verb: 'patch' })]))).status, 200);
  });

  it('answers bad requests with 4xx naming why, and keeps serving', async () => {
    const cases: readonly (readonly [Promise<Answer>, number, RegExp])[] = [
      [post(target, '{"kind":', {}), 400, /^malformed JSON: /],
      [
        post(target, JSON.stringify({ kind: 'Pod', apiVersion: 'v1' })),
        400,
        /^not an audit event: kind "Pod", expected Event or EventList\n$/,
      ],
      [
        post(target, JSON.stringify({ kind: 'EventList', apiVersion: 'audit.k8s.io/v1beta1', items: [] })),
        400,
        /is not read: expected audit\.k8s\.io\/v1/,
      ],
      [post(target, `${'['.repeat(300)}${']'.repeat(300)}`), 400, /^JSON nests deeper than 256\n$/],
      [post(target, 'x'.repeat(70 * 1024)), 413, /^body of \d+ bytes exceeds 65536\n$/],
      [
        post(target, eventList([]), { type: 'text/plain' }),
        415,
        /^unsupported media type: send application\/json\n$/,
      ],
      [
        post(target, undefined, { method: 'GET' }),
        405,
        /^method not allowed: POST an audit\.k8s\.io\/v1 EventList\n$/,
      ],
      [
        post(target, undefined, { method: 'GET', path: '/elsewhere' }),
        404,
        /^not found: POST audit events to \/audit\n$/,
      ],
    ];
    for (const [answer, status, text] of cases) {
      const { status: got, text: body } = await answer;
      assert.equal(got, status, body);
      assert.match(body, text);
    }
    const health = await post(target, undefined, { method: 'GET', path: '/healthz' });
    assert.deepEqual([health.status, health.text], [200, 'ok\n']);
  });

  it('answers 429 while --max-in-flight bodies are being read', async () => {
    const one = await startAuditWebhook({
      tls: { cert: join(dir, 'tls.crt'), key: join(dir, 'tls.key') },
      log: () => undefined,
      port: 0,
      host: '127.0.0.1',
      maxInFlight: 1,
      consume: () => undefined,
    });
    try {
      const slowTarget = { ...target, url: new URL(`https://127.0.0.1:${String(one.port)}/audit`) };
      const body = eventList([auditEvent()]);
      let finish = (): void => undefined;
      const slow = new Promise<Answer>((resolve, reject) => {
        const call = request(
          {
            host: '127.0.0.1',
            port: one.port,
            path: '/audit',
            method: 'POST',
            ca: target.ca,
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
        call.write(body.slice(0, 10));
        finish = () => call.end(body.slice(10));
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      const refused = await post(slowTarget, eventList([auditEvent()]));
      assert.deepEqual([refused.status, refused.text], [429, 'too many batches in flight; retry\n']);
      finish();
      assert.equal((await slow).status, 200);
    } finally {
      await one.close();
    }
  });

  it('keeps the good items of a batch and counts the others as dropped', async () => {
    const before = webhook.counts().dropped;
    const answer = await post(target, eventList([auditEvent(), 7]));
    assert.equal(answer.status, 200);
    assert.equal(webhook.counts().dropped, before + 1);
    assert.ok(logs.some((line) => line.msg === 'items of the batch that are no Event were dropped'));
  });

  it('serves a rotated certificate from its files without a restart', async () => {
    issue(dir, { subject: '/CN=audit-ca-2', path: 'ca2', ca: true });
    issue(dir, { subject: '/CN=kubeward-detect', path: 'next', issuer: 'ca2', sans: ['IP:127.0.0.1'] });
    const rotated = { ...target, ca: readFileSync(join(dir, 'ca2.crt'), 'utf8') };
    await assert.rejects(post(rotated, eventList([])), /self[- ]signed|unable to verify|certificate/i);
    copyFileSync(join(dir, 'next.key'), join(dir, 'tls.key'));
    copyFileSync(join(dir, 'next.crt'), join(dir, 'tls.crt'));
    let answer: Answer | undefined;
    for (let i = 0; i < 100 && answer === undefined; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      answer = await post(rotated, eventList([])).catch(() => undefined);
    }
    assert.equal(answer?.status, 200);
    assert.ok(logs.some((line) => line.msg === 'serving certificate reloaded'));
  });
});

describe('kubeward detect serve with --client-ca', needs('openssl'), () => {
  it('refuses a caller without a client certificate of that CA, and serves one with it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubeward-audit-mtls-'));
    issue(dir, { subject: '/CN=ca', path: 'ca', ca: true });
    issue(dir, { subject: '/CN=kubeward-detect', path: 'tls', issuer: 'ca', sans: ['IP:127.0.0.1'] });
    issue(dir, { subject: '/CN=kube-apiserver', path: 'client', issuer: 'ca' });
    const webhook = await startAuditWebhook({
      tls: { cert: join(dir, 'tls.crt'), key: join(dir, 'tls.key') },
      clientCa: join(dir, 'ca.crt'),
      log: () => undefined,
      port: 0,
      host: '127.0.0.1',
      consume: () => undefined,
    });
    try {
      const kubeconfig = auditWebhookKubeconfig({
        server: `https://127.0.0.1:${String(webhook.port)}/audit`,
        caPem: readFileSync(join(dir, 'ca.crt'), 'utf8'),
        clientCertificate: join(dir, 'client.crt'),
        clientKey: join(dir, 'client.key'),
      });
      assert.match(kubeconfig, /client-certificate: .*client\.crt\n\s+client-key: .*client\.key\n/);
      const target = targetOf(kubeconfig);
      await assert.rejects(post(target, eventList([])));
      const answer = await post(target, eventList([]), {
        cert: readFileSync(join(dir, 'client.crt')),
        key: readFileSync(join(dir, 'client.key')),
      });
      assert.equal(answer.status, 200);
    } finally {
      await webhook.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
