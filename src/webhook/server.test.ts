// Integration tests: the real server over real HTTPS, answering real AdmissionReviews.
// Contract: kubernetes/api admission/v1/types.go (AdmissionReview, AdmissionResponse) and
// kubernetes/apiserver pkg/admission/plugin/webhook (HTTP 200 + JSON; any other answer → failurePolicy).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:https';
import { connect } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CHECKS } from '../checks/registry.ts';
import { parseConfig } from '../config/parse-config.ts';
import { ConfigError } from '../model/errors.ts';
import { isRecord } from '../model/path.ts';
import { issueCertificates, writeCertificates } from './cert.ts';
import type { IssuedCertificates } from './cert.ts';
import type { LogFields } from './log.ts';
import { startWebhookServer } from './server.ts';
import type { WebhookServer } from './server.ts';

const FIXTURE = join(import.meta.dirname, '..', '..', 'testdata', 'webhook', 'review-deployment.json');
const BUDGET_MS = 400;
const LIMIT = 64 * 1024;

interface Answer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly text: string;
}

/** A JSON object the tests edit in place. */
type Doc = Record<string, unknown>;

function review(): Doc {
  return JSON.parse(readFileSync(FIXTURE, 'utf8')) as Doc;
}

function requestOf(body: Doc): Doc {
  assert.ok(isRecord(body.request));
  return body.request;
}

function containerOf(body: Doc): Doc {
  const object = requestOf(body).object as { spec: { template: { spec: { containers: Doc[] } } } };
  const container = object.spec.template.spec.containers[0];
  assert.ok(container);
  return container;
}

describe('kubeward webhook serve over HTTPS', () => {
  let dir = '';
  let issued: IssuedCertificates;
  let webhook: WebhookServer;
  const logs: { level: string; msg: string; fields: LogFields }[] = [];

  const send = (path: string, options: { method?: string; body?: string; type?: string; ca?: string } = {}) =>
    new Promise<Answer>((resolve, reject) => {
      const call = request(
        {
          host: '127.0.0.1',
          servername: 'localhost',
          port: webhook.port,
          path,
          method: options.method ?? 'POST',
          ca: options.ca ?? issued.caCert,
          agent: false,
          headers: options.body === undefined ? {} : { 'content-type': options.type ?? 'application/json' },
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
      call.end(options.body);
    });

  const admit = async (body: Doc) => {
    const answer = await send('/validate', { body: JSON.stringify(body) });
    assert.equal(answer.status, 200, answer.text);
    assert.match(String(answer.headers['content-type']), /^application\/json/);
    const reply = JSON.parse(answer.text) as {
      apiVersion: string;
      kind: string;
      response: {
        uid: string;
        allowed: boolean;
        status?: { code: number; reason: string; message: string };
        warnings?: string[];
        auditAnnotations?: Record<string, string>;
      };
    };
    assert.equal(reply.apiVersion, 'admission.k8s.io/v1');
    assert.equal(reply.kind, 'AdmissionReview');
    assert.equal(reply.response.uid, requestOf(body).uid, 'response.uid must echo request.uid');
    return reply.response;
  };

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kubeward-webhook-test-'));
    issued = issueCertificates({
      service: 'kubeward-webhook',
      namespace: 'kubeward',
      days: 1,
      extraNames: ['localhost', '127.0.0.1'],
    });
    await writeCertificates(dir, issued);
    webhook = await startWebhookServer({
      tls: { cert: join(dir, 'tls.crt'), key: join(dir, 'tls.key') },
      policy: { checks: CHECKS, run: parseConfig('test.yaml', '{}', CHECKS).run, denyOn: 'high' },
      log: (level, msg, fields = {}) => logs.push({ level, msg, fields }),
      port: 0,
      host: '127.0.0.1',
      maxBodyBytes: LIMIT,
      budgetMs: BUDGET_MS,
      reloadIntervalMs: 50,
      shutdownGraceMs: 1000,
    });
  });

  after(async () => {
    await webhook.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('allows a hardened Deployment with no warnings and audit annotations', async () => {
    const response = await admit(review());
    assert.equal(response.allowed, true);
    assert.equal(response.status, undefined);
    assert.equal(response.warnings, undefined);
    assert.deepEqual(response.auditAnnotations, { findings: '0' });
    assert.ok(
      logs.some((line) => line.level === 'debug' && line.msg === 'admitted' && line.fields.name === 'shop'),
      'a clean admission is logged at debug',
    );
  });

  it('denies a privileged container with 403 and lists the violation', async () => {
    const body = review();
    (containerOf(body).securityContext as Doc).privileged = true;
    const response = await admit(body);
    assert.equal(response.allowed, false);
    assert.equal(response.status?.code, 403);
    assert.equal(response.status.reason, 'Forbidden');
    assert.match(response.status.message, /^kubeward: \d+ violations?: \[[a-z-]+\] .*container "shop"/);
    assert.match(response.status.message, /privileged/);
    assert.match(response.auditAnnotations?.['denied-by'] ?? '', /^[a-z-]+(,[a-z-]+)*$/);
  });

  it('allows a finding below --deny-on and returns it as a warning', async () => {
    const body = review();
    containerOf(body).image = 'registry.example.com/shop/api:latest';
    const response = await admit(body);
    assert.equal(response.allowed, true);
    const warnings = response.warnings ?? [];
    assert.ok(
      warnings.some((warning) => /^\[[a-z-]+\] .*:latest/.test(warning)),
      String(warnings),
    );
    assert.ok(warnings.every((warning) => warning.length <= 120));
  });

  it('decides a dryRun request the same way but counts no denial in the metrics', async () => {
    const body = review();
    (containerOf(body).securityContext as Doc).privileged = true;
    requestOf(body).dryRun = true;
    requestOf(body).uid = 'dry-run-uid';
    const before = (await send('/metrics', { method: 'GET' })).text;
    const response = await admit(body);
    assert.equal(response.allowed, false);
    const afterText = (await send('/metrics', { method: 'GET' })).text;
    const denials = (text: string) =>
      [...text.matchAll(/^kubeward_webhook_denials_total\{check="[^"]+"\} (\d+)$/gm)].reduce(
        (sum, match) => sum + Number(match[1]),
        0,
      );
    assert.equal(denials(afterText), denials(before));
    assert.match(
      afterText,
      /kubeward_webhook_reviews_total\{operation="CREATE",allowed="false",dry_run="true"\} 1/,
    );
  });

  it('evaluates the new object of an UPDATE, not the old one', async () => {
    const body = review();
    const request = requestOf(body);
    request.operation = 'UPDATE';
    request.oldObject = structuredClone(request.object);
    (containerOf(body).securityContext as Doc).privileged = true;
    assert.equal((await admit(body)).allowed, false);
    const fixed = review();
    requestOf(fixed).operation = 'UPDATE';
    requestOf(fixed).oldObject = structuredClone(requestOf(body).object);
    assert.equal((await admit(fixed)).allowed, true);
  });

  it('uses request.namespace for an object that names none', async () => {
    const body = review();
    delete ((requestOf(body).object as Doc).metadata as Doc).namespace;
    (containerOf(body).securityContext as Doc).privileged = true;
    const response = await admit(body);
    assert.equal(response.allowed, false);
  });

  it('allows DELETE and subresources without evaluating them', async () => {
    const body = review();
    const request = requestOf(body);
    request.operation = 'DELETE';
    request.oldObject = request.object;
    delete request.object;
    assert.deepEqual(await admit(body), { uid: request.uid, allowed: true });
    const scale = review();
    requestOf(scale).subResource = 'scale';
    (containerOf(scale).securityContext as Doc).privileged = true;
    assert.equal((await admit(scale)).allowed, true);
  });

  it('denies a CREATE without an object with status 400', async () => {
    const body = review();
    delete requestOf(body).object;
    const response = await admit(body);
    assert.equal(response.allowed, false);
    assert.equal(response.status?.code, 400);
  });

  it('answers malformed JSON with 400', async () => {
    const answer = await send('/validate', { body: '{"apiVersion": "admission.k8s.io/v1", ' });
    assert.equal(answer.status, 400);
    assert.match(answer.text, /malformed JSON/);
  });

  it('answers JSON that is not an AdmissionReview v1 with 400 naming the field', async () => {
    const body = review();
    delete requestOf(body).uid;
    const answer = await send('/validate', { body: JSON.stringify(body) });
    assert.equal(answer.status, 400);
    assert.match(answer.text, /request\.uid/);
    const v1beta1 = { ...review(), apiVersion: 'admission.k8s.io/v1beta1' };
    assert.equal((await send('/validate', { body: JSON.stringify(v1beta1) })).status, 400);
  });

  it('answers JSON nested past the depth limit with 400', async () => {
    const answer = await send('/validate', { body: `${'['.repeat(10_000)}${']'.repeat(10_000)}` });
    assert.equal(answer.status, 400);
    assert.match(answer.text, /deeper/);
  });

  it('answers an oversized body with 413 and closes the connection', async () => {
    const answer = await send('/validate', { body: JSON.stringify({ pad: 'x'.repeat(LIMIT) }) });
    assert.equal(answer.status, 413);
    assert.equal(answer.headers.connection, 'close');
  });

  it('answers a chunked body that grows past the limit with 413', async () => {
    const answer = await new Promise<number>((resolve, reject) => {
      const call = request(
        {
          host: '127.0.0.1',
          servername: 'localhost',
          port: webhook.port,
          path: '/validate',
          method: 'POST',
          ca: issued.caCert,
          agent: false,
          headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
        },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      call.on('error', reject);
      const chunk = 'x'.repeat(16 * 1024);
      for (let i = 0; i < 8; i++) call.write(chunk);
      call.end();
    });
    assert.equal(answer, 413);
  });

  it('answers a wrong content type with 415 and a wrong method with 405', async () => {
    const text = await send('/validate', { body: JSON.stringify(review()), type: 'application/yaml' });
    assert.equal(text.status, 415);
    const get = await send('/validate', { method: 'GET' });
    assert.equal(get.status, 405);
    assert.equal(get.headers.allow, 'POST');
  });

  it('answers a client that sends its body too slowly with 408 within the budget', async () => {
    const started = Date.now();
    const status = await new Promise<number>((resolve, reject) => {
      const call = request(
        {
          host: '127.0.0.1',
          servername: 'localhost',
          port: webhook.port,
          path: '/validate',
          method: 'POST',
          ca: issued.caCert,
          agent: false,
          headers: { 'content-type': 'application/json', 'content-length': '1000' },
        },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      call.on('error', reject);
      call.write('{"apiVersion":');
    });
    assert.equal(status, 408);
    assert.ok(Date.now() - started < BUDGET_MS * 3, 'answered within the budget');
  });

  it('serves /healthz, /readyz and Prometheus /metrics', async () => {
    assert.equal((await send('/healthz', { method: 'GET' })).status, 200);
    assert.equal((await send('/readyz', { method: 'GET' })).status, 200);
    const metrics = await send('/metrics', { method: 'GET' });
    assert.equal(metrics.status, 200);
    assert.match(String(metrics.headers['content-type']), /^text\/plain; version=0\.0\.4/);
    assert.match(metrics.text, /# TYPE kubeward_webhook_request_duration_seconds histogram/);
    assert.match(metrics.text, /kubeward_webhook_request_duration_seconds_bucket\{le="\+Inf"\} \d+/);
    assert.match(metrics.text, /kubeward_webhook_requests_total\{path="\/validate",code="200"\} \d+/);
    assert.match(metrics.text, /kubeward_webhook_denials_total\{check="[a-z-]+"\} \d+/);
    assert.equal((await send('/nope', { method: 'GET' })).status, 404);
  });

  it('refuses TLS below 1.2', async () => {
    await assert.rejects(
      new Promise((resolve, reject) => {
        const socket = connect({
          host: '127.0.0.1',
          port: webhook.port,
          servername: 'localhost',
          ca: issued.caCert,
          minVersion: 'TLSv1',
          maxVersion: 'TLSv1.1',
        });
        socket.on('secureConnect', () => {
          socket.end();
          resolve(undefined);
        });
        socket.on('error', reject);
      }),
    );
  });

  it('accepts TLS 1.2 clients', async () => {
    const protocol = await new Promise<string | null>((resolve, reject) => {
      const socket = connect({
        host: '127.0.0.1',
        port: webhook.port,
        servername: 'localhost',
        ca: issued.caCert,
        maxVersion: 'TLSv1.2',
      });
      socket.on('secureConnect', () => {
        resolve(socket.getProtocol());
        socket.end();
      });
      socket.on('error', reject);
    });
    assert.equal(protocol, 'TLSv1.2');
  });

  it('keeps answering after a run of hostile requests', async () => {
    const hostile = [
      '',
      'null',
      '[]',
      '{"apiVersion":1}',
      '{"__proto__":{"polluted":1}}',
      '\u0000\u0001',
      '{"a":'.repeat(300),
    ];
    for (let i = 0; i < 200; i++) {
      const answer = await send('/validate', { body: hostile[i % hostile.length] ?? '' });
      assert.equal(answer.status, 400);
    }
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal((await admit(review())).allowed, true);
  });

  it('fails to start with a clear error when the port is taken', async () => {
    await assert.rejects(
      startWebhookServer({
        tls: { cert: join(dir, 'tls.crt'), key: join(dir, 'tls.key') },
        policy: { checks: CHECKS, run: parseConfig('test.yaml', '{}', CHECKS).run, denyOn: 'high' },
        log: () => undefined,
        port: webhook.port,
        host: '127.0.0.1',
      }),
      /cannot listen on 127\.0\.0\.1:\d+: listen EADDRINUSE/,
    );
  });

  it('fails to start with a ConfigError naming an unreadable certificate', async () => {
    await assert.rejects(
      startWebhookServer({
        tls: { cert: join(dir, 'missing.crt'), key: join(dir, 'tls.key') },
        policy: { checks: CHECKS, run: parseConfig('test.yaml', '{}', CHECKS).run, denyOn: 'high' },
        log: () => undefined,
        port: 0,
        host: '127.0.0.1',
      }),
      (error: unknown) => error instanceof ConfigError && error.message.includes('missing.crt: cannot read'),
    );
  });

  it('reloads a rotated certificate without a restart', async () => {
    const rotated = issueCertificates({
      service: 'kubeward-webhook',
      namespace: 'kubeward',
      days: 1,
      extraNames: ['localhost', '127.0.0.1'],
    });
    await writeCertificates(dir, rotated);
    const deadline = Date.now() + 5000;
    for (;;) {
      const ok = await send('/healthz', { method: 'GET', ca: rotated.caCert }).then(
        (answer) => answer.status === 200,
        () => false,
      );
      if (ok) break;
      assert.ok(Date.now() < deadline, 'the new certificate was not served within 5 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await assert.rejects(send('/healthz', { method: 'GET', ca: issued.caCert }));
    issued = rotated;
    assert.ok(logs.some((line) => line.msg === 'serving certificate reloaded'));
  });

  it('keeps the old certificate when the new files do not match', async () => {
    const other = issueCertificates({ service: 'x', namespace: 'y', days: 1, extraNames: [] });
    await writeCertificates(dir, { ...issued, key: other.key });
    const deadline = Date.now() + 5000;
    while (!logs.some((line) => line.msg.startsWith('serving certificate not reloaded'))) {
      assert.ok(Date.now() < deadline, 'the mismatched pair was not noticed');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal((await send('/healthz', { method: 'GET' })).status, 200);
  });
});

describe('kubeward webhook serve shutdown', () => {
  it('finishes an in-flight review, then stops accepting connections', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kubeward-webhook-test-'));
    const issued = issueCertificates({
      service: 's',
      namespace: 'n',
      days: 1,
      extraNames: ['localhost'],
    });
    await writeCertificates(dir, issued);
    const webhook = await startWebhookServer({
      tls: { cert: join(dir, 'tls.crt'), key: join(dir, 'tls.key') },
      policy: { checks: CHECKS, run: parseConfig('test.yaml', '{}', CHECKS).run, denyOn: 'high' },
      log: () => undefined,
      port: 0,
      host: '127.0.0.1',
      budgetMs: 5000,
      shutdownGraceMs: 5000,
    });
    const options = {
      host: '127.0.0.1',
      servername: 'localhost',
      port: webhook.port,
      ca: issued.caCert,
      agent: false,
    };
    const text = JSON.stringify(review());
    let closed = false;
    const inFlight = new Promise<{ status: number; allowed: boolean }>((resolve, reject) => {
      const call = request(
        {
          ...options,
          path: '/validate',
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) },
        },
        (response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => (body += chunk.toString()));
          response.on('end', () => {
            resolve({
              status: response.statusCode ?? 0,
              allowed: (JSON.parse(body) as { response: { allowed: boolean } }).response.allowed,
            });
          });
        },
      );
      call.on('error', reject);
      call.write(text.slice(0, 100));
      setTimeout(() => call.end(text.slice(100)), 300);
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closing = webhook.close().then(() => (closed = true));
    assert.deepEqual(await inFlight, { status: 200, allowed: true });
    await closing;
    assert.equal(closed, true);
    await assert.rejects(
      new Promise((resolve, reject) => {
        request({ ...options, path: '/healthz' }, resolve)
          .on('error', reject)
          .end();
      }),
      /ECONNREFUSED/,
    );
    await rm(dir, { recursive: true, force: true });
  });
});
