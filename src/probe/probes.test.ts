import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { issue } from '../testing/test-pki.ts';
import { freePort } from '../testing/test-servers.ts';
import { probeApiserver } from './apiserver.ts';
import { probeKubelet, probeKubeletReadOnly } from './kubelet.ts';
import { isLoopbackHost } from './loopback.ts';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** Answers like kube-apiserver: public-info paths 200 to everyone, every other path `status`. */
const apiserver =
  (status: number): Handler =>
  (request, response) => {
    const open = ['/version', '/healthz', '/livez', '/readyz'].includes(request.url ?? '');
    response.writeHead(open ? 200 : status, { 'content-type': 'application/json' });
    response.end(open ? '{"major":"1","minor":"34"}' : `{"kind":"Status","code":${status}}`);
  };

const fixed =
  (status: number): Handler =>
  (_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(status === 200 ? '{"kind":"PodList","items":[]}' : 'Unauthorized');
  };

// The Kubernetes semantics probed: 401 = request not authenticated (anonymous auth off), 403 =
// authenticated as system:anonymous but not authorized (k8s.io/apiserver pkg/endpoints/filters
// authentication.go / authorization.go); kubelet uses the same filters on 10250.
describe('API server and kubelet probes against local HTTPS servers', () => {
  let root: string;
  const servers: Server[] = [];
  let tls: { cert: Buffer; key: Buffer };
  const serve = async (handler: Handler, secure = true): Promise<number> => {
    const server = secure ? createHttpsServer(tls, handler) : createHttpServer(handler);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  };
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'kubeward-probe-'));
    const cert = issue(root, { path: 'server', subject: '/CN=localhost', sans: ['IP:127.0.0.1'] });
    tls = { cert: readFileSync(cert), key: readFileSync(join(root, 'server.key')) };
  });
  after(async () => {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    rmSync(root, { recursive: true, force: true });
  });

  it('apiserver: 401 on protected paths passes', async () => {
    const port = await serve(apiserver(401));
    const result = await probeApiserver(new URL(`https://127.0.0.1:${port}`), 2000);
    assert.equal(result.verdict, 'pass');
    assert.ok(result.evidence.includes('GET /version: 200'));
  });
  it('apiserver: 403 warns that anonymous auth is on', async () => {
    const port = await serve(apiserver(403));
    const result = await probeApiserver(new URL(`https://127.0.0.1:${port}`), 2000);
    assert.equal(result.verdict, 'warn');
  });
  it('apiserver: 200 on protected paths fails and names them', async () => {
    const port = await serve(apiserver(200));
    const result = await probeApiserver(new URL(`https://127.0.0.1:${port}`), 2000);
    assert.equal(result.verdict, 'fail');
    assert.equal(
      result.message,
      'API server answers anonymous requests on /api, /api/v1/namespaces, /api/v1/pods, /api/v1/secrets, /apis/rbac.authorization.k8s.io/v1/clusterroles',
    );
  });
  it('apiserver: plain HTTP fails even when requests are refused', async () => {
    const port = await serve(apiserver(401), false);
    const result = await probeApiserver(new URL(`http://127.0.0.1:${port}`), 2000);
    assert.equal(result.verdict, 'fail');
    assert.equal(result.message, 'API server is served over plain HTTP');
  });
  it('apiserver: unreachable is an error, not a pass', async () => {
    const result = await probeApiserver(new URL(`https://127.0.0.1:${await freePort()}`), 1000);
    assert.equal(result.verdict, 'error');
  });
  it('kubelet: 401 passes, 403 warns (not a vulnerability, unlike kube-hunter KHV036), 200 fails', async () => {
    const verdicts = [];
    for (const status of [401, 403, 200])
      verdicts.push((await probeKubelet('127.0.0.1', await serve(fixed(status)), 2000)).verdict);
    assert.deepEqual(verdicts, ['pass', 'warn', 'fail']);
  });
  it('kubelet read-only port: closed passes, serving pods fails', async () => {
    assert.equal((await probeKubeletReadOnly('127.0.0.1', await freePort(), 1000)).verdict, 'pass');
    const open = await probeKubeletReadOnly('127.0.0.1', await serve(fixed(200), false), 2000);
    assert.equal(open.verdict, 'fail');
    assert.match(open.message, /serves pods without authentication/);
  });
  it('isLoopbackHost accepts only loopback literals', () => {
    for (const host of ['localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]'])
      assert.equal(isLoopbackHost(host), true, host);
    for (const host of ['10.0.0.1', '0.0.0.0', 'example.com', '::', '128.0.0.1'])
      assert.equal(isLoopbackHost(host), false, host);
  });
});
