// The image policy enforced by the real webhook over real HTTPS, against a real registry: Debian's
// docker-registry (distribution 2.8) with TLS and htpasswd, images built and pushed by the test, an
// OSV directory written for it from the OSV schema (ossf/osv-schema docs/schema.md), and a TCP
// server that accepts and never answers for the registry timeout.
import assert from 'node:assert/strict';
import { sign } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadOsvDatabase } from '../cli/images-content.ts';
import { CHECKS } from '../checks/registry.ts';
import { parseConfig } from '../config/parse-config.ts';
import type { ImagesConfig } from '../config/images.ts';
import type { OsvDatabase } from '../images/osv/database.ts';
import { RegistryClient } from '../registry/client.ts';
import { imageJudge } from '../registry/image-judge.ts';
import type { ImageJudge } from '../registry/image-judge.ts';
import { policySignatureVerifier } from '../registry/policy-signatures.ts';
import { pushSignatures } from '../testing/cosign.ts';
import { DEFAULT_MAX_FILE_SIZE } from '../load/file-size.ts';
import { basicAuth, RegistryPusher, send as registrySend, startRegistry } from '../testing/registry.ts';
import type { PushedImage, RunningRegistry } from '../testing/registry.ts';
import { ecKey, publicKeyPem, simpleSigningPayload } from '../testing/sigstore.ts';
import { freePort } from '../testing/test-servers.ts';
import { needs } from '../testing/tools.ts';
import { issueCertificates, writeCertificates } from './cert.ts';
import type { IssuedCertificates } from './cert.ts';
import { createMetrics } from './metrics.ts';
import type { WebhookMetrics } from './metrics.ts';
import { startWebhookServer } from './server.ts';
import type { WebhookServer } from './server.ts';

const USER = 'ci';
const PASSWORD = 'pu5h-Only';

const OS_RELEASE = 'NAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\nID=debian\n';

/** var/lib/dpkg/status as dpkg writes it (deb-status(5)), with one openssl at `version`. */
const dpkgStatus = (version: string): string =>
  [
    'Package: libc6\nStatus: install ok installed\nArchitecture: amd64\nSource: glibc\nVersion: 2.36-9+deb12u7\n',
    `Package: libssl3\nStatus: install ok installed\nArchitecture: amd64\nSource: openssl\nVersion: ${version}\n`,
  ].join('\n');

/** An OSV record (schema 1.6) for Debian 12's openssl, fixed in 3.0.13-1~deb12u1, CVSS 3.1 7.5 (high). */
const OPENSSL_RECORD = {
  schema_version: '1.6.0',
  id: 'DEBIAN-CVE-2099-0001',
  modified: '2026-11-01T00:00:00Z',
  summary: 'openssl: a test vulnerability',
  severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N' }],
  affected: [
    {
      package: { ecosystem: 'Debian:12', name: 'openssl' },
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '3.0.13-1~deb12u1' }] }],
    },
  ],
};

interface Response {
  readonly allowed: boolean;
  readonly status?: { code: number; reason: string; message: string };
  readonly warnings?: string[];
  readonly auditAnnotations?: Record<string, string>;
}

interface Containers {
  readonly containers: readonly { name: string; image: string }[];
  readonly initContainers?: readonly { name: string; image: string }[];
}

let uids = 0;

/** An AdmissionReview v1 creating a Pod with these containers. */
function podReview(spec: Containers): string {
  const uid = `uid-${String(++uids)}`;
  return JSON.stringify({
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid,
      kind: { group: '', version: 'v1', kind: 'Pod' },
      resource: { group: '', version: 'v1', resource: 'pods' },
      name: 'web',
      namespace: 'shop',
      operation: 'CREATE',
      userInfo: { username: 'alice@example.com' },
      object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'shop' }, spec },
    },
  });
}

/** An AdmissionReview v1 creating a Deployment whose pod template runs `image`. */
function deploymentReview(image: string): string {
  return JSON.stringify({
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid: `uid-${String(++uids)}`,
      kind: { group: 'apps', version: 'v1', kind: 'Deployment' },
      resource: { group: 'apps', version: 'v1', resource: 'deployments' },
      name: 'api',
      namespace: 'shop',
      operation: 'CREATE',
      object: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'api', namespace: 'shop' },
        spec: {
          selector: { matchLabels: { app: 'api' } },
          template: {
            metadata: { labels: { app: 'api' } },
            spec: { containers: [{ name: 'api', image }] },
          },
        },
      },
    },
  });
}

describe(
  'kubeward webhook serve enforcing images.policy against docker-registry',
  needs('docker-registry', 'htpasswd', 'openssl'),
  () => {
    let dir = '';
    let registry: RunningRegistry;
    let issued: IssuedCertificates;
    let pinned: PushedImage;
    let silent: Server;
    let silentHost = '';
    const sockets = new Set<Socket>();
    const servers: WebhookServer[] = [];
    let database: OsvDatabase;
    let clock = 0;

    /** The config of the policy, written as a user writes it, with the registries' hosts. */
    const configText = (extra: string): string =>
      [
        'images:',
        '  osvDatabase: ./osv',
        extra,
        '  policy:',
        `    - match: ["${registry.host}/team/**"]`,
        '      requirePinned: true',
        `    - match: ["${registry.host}/vuln/*"]`,
        '      vulnerabilities: { denyOn: high }',
        `    - match: ["${registry.host}/signed/**"]`,
        '      signatures: { keys: [keys/cosign.pub] }',
        `    - match: ["${silentHost}/**"]`,
        '      vulnerabilities: { denyOn: critical }',
      ].join('\n');

    const imagesOf = (extra: string): ImagesConfig => {
      const file = join(dir, 'config', '.kubeward.yaml');
      const text = configText(extra);
      writeFileSync(file, text);
      const images = parseConfig(file, text, CHECKS).images;
      assert.ok(images);
      return images;
    };

    /** A judge of the image policy of `extra` config lines, on the tests' clock, counting into `metrics`. */
    const judgeOf = async (extra: string, metrics: WebhookMetrics): Promise<ImageJudge> => {
      const images = imagesOf(extra);
      const client = new RegistryClient({
        timeoutMs: 30_000,
        ca: registry.ca,
        credentials: () => Promise.resolve({ username: USER, password: PASSWORD }),
        retries: 0,
      });
      return imageJudge({
        policy: images.policy,
        client,
        verifySignatures: await policySignatureVerifier(client, images.policy, DEFAULT_MAX_FILE_SIZE),
        platform: { os: 'linux', architecture: 'amd64' },
        database,
        timeoutMs: images.registryTimeoutMs,
        cache: images.cache,
        now: () => clock,
        onCache: (event) => {
          metrics.observeImageCache(event.cache, event.result);
        },
        onRefresh: (event) => {
          metrics.observeImageRefresh(event.cache, event.problem === undefined);
        },
      });
    };

    /** A webhook server enforcing the image policy of `extra` config lines. */
    const serve = async (extra: string): Promise<WebhookServer> => {
      const metrics = createMetrics();
      const judge = await judgeOf(extra, metrics);
      const server = await startWebhookServer({
        tls: { cert: join(dir, 'tls', 'tls.crt'), key: join(dir, 'tls', 'tls.key') },
        policy: {
          checks: [],
          run: parseConfig('test.yaml', '{}', CHECKS).run,
          denyOn: 'high',
          images: judge,
        },
        metrics,
        log: () => undefined,
        port: 0,
        host: '127.0.0.1',
        shutdownGraceMs: 100,
      });
      servers.push(server);
      return server;
    };

    const post = (server: WebhookServer, path: string, body?: string) =>
      new Promise<{ status: number; text: string }>((resolve, reject) => {
        const call = request(
          {
            host: '127.0.0.1',
            servername: 'localhost',
            port: server.port,
            path,
            method: body === undefined ? 'GET' : 'POST',
            ca: issued.caCert,
            agent: false,
            headers: body === undefined ? {} : { 'content-type': 'application/json' },
          },
          (response) => {
            let text = '';
            response.setEncoding('utf8');
            response.on('data', (chunk: string) => (text += chunk));
            response.on('end', () => {
              resolve({ status: response.statusCode ?? 0, text });
            });
          },
        );
        call.on('error', reject);
        call.end(body);
      });

    const admit = async (server: WebhookServer, body: string): Promise<Response> => {
      const answer = await post(server, '/validate', body);
      assert.equal(answer.status, 200, answer.text);
      return (JSON.parse(answer.text) as { response: Response }).response;
    };

    /**
     * The registry's access log lines for requests made since `from`, once a marker request has
     * been logged: requests finish (and are logged) in order, so nothing made before the marker
     * is missed.
     */
    const requestsSince = async (from: number): Promise<readonly string[]> => {
      const marker = `/v2/marker-${String(++uids)}/tags/list`;
      await registrySend(registry.host, registry.ca, 'GET', marker, {});
      for (let tries = 0; tries < 200; tries++) {
        const log = registry.accessLog();
        const at = log.findIndex((line) => line.includes(marker));
        if (at >= 0) return log.slice(from, at);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error('the registry never logged the marker request');
    };

    /**
     * The server's metrics, once its background refreshes are counted as `counts` say (labels and
     * value of kubeward_webhook_image_cache_refreshes_total, each): a refresh is counted when its
     * last registry request has been answered, so none of them spills into the next test.
     */
    const refreshesCounted = async (
      metricsText: () => Promise<string>,
      counts: readonly string[],
    ): Promise<string> => {
      const lines = counts.map((count) => `kubeward_webhook_image_cache_refreshes_total${count}`);
      let metrics = '';
      for (let tries = 0; tries < 200; tries++) {
        metrics = await metricsText();
        const counted = metrics
          .split('\n')
          .filter((line) => line.startsWith('kubeward_webhook_image_cache_refreshes_total'));
        if (counted.length === lines.length && lines.every((line) => counted.includes(line))) return metrics;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      assert.fail(`refreshes counted never became ${lines.join(', ')}:\n${metrics}`);
    };

    const metricsOf = (server: WebhookServer) => async (): Promise<string> =>
      (await post(server, '/metrics')).text;

    let main: WebhookServer;

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'kubeward-image-policy-'));
      registry = await startRegistry(join(dir, 'registry'), {
        kind: 'htpasswd',
        users: { [USER]: PASSWORD },
      });
      const pusher = new RegistryPusher(registry, () => Promise.resolve(basicAuth(USER, PASSWORD)));
      pinned = await pusher.image('team/app', '1.0', { 'srv/app.txt': 'app\n' });
      await pusher.image('vuln/app', '1.0', {
        'etc/os-release': OS_RELEASE,
        'var/lib/dpkg/status': dpkgStatus('3.0.11-1~deb12u2'),
      });
      await pusher.image('vuln/patched', '1.0', {
        'etc/os-release': OS_RELEASE,
        'var/lib/dpkg/status': dpkgStatus('3.0.13-1~deb12u1'),
      });
      await pusher.image('vuln/untagged', '1.0', {
        'etc/os-release': OS_RELEASE,
        'var/lib/dpkg/status': dpkgStatus('3.0.13-1~deb12u1'),
      });
      const signed = await pusher.image('signed/app', '1.0', { 'srv/app.txt': 'signed\n' });
      await pusher.image('signed/bare', '1.0', { 'srv/app.txt': 'bare\n' });
      const key = ecKey();
      const payload = simpleSigningPayload(`${registry.host}/signed/app`, signed.digest);
      await pushSignatures(pusher, 'signed/app', signed.digest, [
        {
          payload,
          annotations: {
            'dev.cosignproject.cosign/signature': sign('sha256', payload, key.privateKey).toString('base64'),
          },
        },
      ]);
      mkdirSync(join(dir, 'config', 'keys'), { recursive: true });
      writeFileSync(join(dir, 'config', 'keys', 'cosign.pub'), publicKeyPem(key.publicKey));
      mkdirSync(join(dir, 'config', 'osv', 'Debian'), { recursive: true });
      writeFileSync(
        join(dir, 'config', 'osv', 'Debian', 'DEBIAN-CVE-2099-0001.json'),
        JSON.stringify(OPENSSL_RECORD),
      );
      database = (await loadOsvDatabase(join(dir, 'config', 'osv'))).database;
      issued = issueCertificates({
        service: 'kubeward-webhook',
        namespace: 'kubeward',
        days: 1,
        extraNames: ['localhost', '127.0.0.1'],
      });
      mkdirSync(join(dir, 'tls'));
      await writeCertificates(join(dir, 'tls'), issued);
      silent = createServer((socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
      });
      const port = await freePort();
      await new Promise<void>((resolve) => silent.listen(port, '127.0.0.1', resolve));
      silentHost = `127.0.0.1:${String(port)}`;
      main = await serve('  registryTimeout: 30s');
    });

    after(async () => {
      for (const server of servers) await server.close();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
      await registry.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('reads the policy from .kubeward.yaml, paths relative to the file', () => {
      const images = imagesOf('');
      assert.equal(images.osvDatabase, join(dir, 'config', 'osv'));
      assert.deepEqual(images.policy.rules[2]?.signatures?.keys, [join(dir, 'config', 'keys', 'cosign.pub')]);
      assert.equal(images.policy.failurePolicy, 'Fail');
    });

    it('denies a tag not pinned by digest, naming the container and the rule', async () => {
      const image = `${registry.host}/team/app:1.0`;
      const response = await admit(main, podReview({ containers: [{ name: 'web', image }] }));
      assert.equal(response.allowed, false);
      assert.equal(response.status?.code, 403);
      assert.equal(
        response.status?.message,
        `kubeward: 1 violation: [image-policy] container "web" image ${image}: not pinned by digest (images.policy[0] requires image@sha256:…)`,
      );
      assert.equal(response.auditAnnotations?.['denied-by'], 'image-policy:unpinned');
    });

    it('allows the same image pinned by digest, without asking the registry', async () => {
      const from = registry.accessLog().length;
      const image = `${registry.host}/team/app@${pinned.digest}`;
      const response = await admit(main, podReview({ containers: [{ name: 'web', image }] }));
      assert.equal(response.allowed, true, response.status?.message);
      assert.deepEqual(await requestsSince(from), []);
    });

    it('denies an image with a vulnerability at or above denyOn, read from the registry', async () => {
      const image = `${registry.host}/vuln/app:1.0`;
      const response = await admit(
        main,
        podReview({
          initContainers: [{ name: 'setup', image }],
          containers: [{ name: 'web', image: `${registry.host}/team/app@${pinned.digest}` }],
        }),
      );
      assert.equal(response.allowed, false);
      assert.equal(
        response.status?.message,
        `kubeward: 1 violation: [image-policy] init container "setup" image ${image}: 1 vulnerability at or above high (images.policy[1]): DEBIAN-CVE-2099-0001 (high) in libssl3 3.0.11-1~deb12u2, fixed in 3.0.13-1~deb12u1`,
      );
      assert.equal(response.auditAnnotations?.['denied-by'], 'image-policy:vulnerable');
    });

    it('allows the image whose package is at the fixed version', async () => {
      const response = await admit(main, deploymentReview(`${registry.host}/vuln/patched:1.0`));
      assert.equal(response.allowed, true, response.status?.message);
      assert.equal(response.warnings, undefined);
    });

    it('judges a second review of an image from its caches, asking the registry nothing', async () => {
      const image = `${registry.host}/vuln/app:1.0`;
      const from = registry.accessLog().length;
      const response = await admit(main, deploymentReview(image));
      assert.equal(response.allowed, false);
      assert.match(response.status?.message ?? '', /container "api" image .*DEBIAN-CVE-2099-0001/);
      assert.deepEqual(await requestsSince(from), []);
      const metrics = (await post(main, '/metrics')).text;
      assert.match(
        metrics,
        /kubeward_webhook_image_cache_lookups_total\{cache="digest",result="hit"\} [1-9]/,
      );
      assert.match(
        metrics,
        /kubeward_webhook_image_cache_lookups_total\{cache="verdict",result="hit"\} [1-9]/,
      );
      assert.match(
        metrics,
        /kubeward_webhook_image_cache_lookups_total\{cache="verdict",result="miss"\} [1-9]/,
      );
    });

    it('answers an expired entry at once and refreshes it from the registry behind the review', async () => {
      const image = `${registry.host}/vuln/app:1.0`;
      clock += 24 * 3_600_000;
      const from = registry.accessLog().length;
      const response = await admit(main, deploymentReview(image));
      assert.equal(response.allowed, false);
      assert.match(response.status?.message ?? '', /DEBIAN-CVE-2099-0001/);
      const metrics = await refreshesCounted(metricsOf(main), [
        '{cache="digest",result="success"} 1',
        '{cache="verdict",result="success"} 1',
      ]);
      assert.match(
        metrics,
        /kubeward_webhook_image_cache_lookups_total\{cache="digest",result="stale"\} [1-9]/,
      );
      const requests = await requestsSince(from);
      assert.ok(
        requests.some((line) => line.includes('/v2/vuln/app/manifests/1.0')),
        'the stale tag was resolved again from the registry',
      );
    });

    it('keeps answering from a stale entry whose refresh fails, and counts the failure', async () => {
      const server = await serve('  registryTimeout: 30s');
      const image = `${registry.host}/vuln/untagged:1.0`;
      assert.equal((await admit(server, deploymentReview(image))).allowed, true);
      clock += 24 * 3_600_000;
      const repository = join(
        dir,
        'registry',
        'storage',
        'docker',
        'registry',
        'v2',
        'repositories',
        'vuln',
        'untagged',
      );
      rmSync(join(repository, '_manifests', 'tags', '1.0'), { recursive: true });
      for (const failures of [1, 2]) {
        const response = await admit(server, deploymentReview(image));
        assert.equal(response.allowed, true, response.status?.message);
        await refreshesCounted(metricsOf(server), [
          `{cache="digest",result="failure"} ${String(failures)}`,
          '{cache="verdict",result="success"} 1',
        ]);
      }
    });

    it('refreshes a stale entry once, however many reviews ask for it meanwhile', async () => {
      const metrics = createMetrics();
      const judge = await judgeOf('  registryTimeout: 30s', metrics);
      const image = `${registry.host}/vuln/patched:1.0`;
      assert.equal((await judge.judge(image)).allowed, true);
      clock += 24 * 3_600_000;
      const judgements = await Promise.all([judge.judge(image), judge.judge(image), judge.judge(image)]);
      assert.deepEqual(
        judgements.map((judgement) => judgement.allowed),
        [true, true, true],
      );
      await refreshesCounted(
        () => Promise.resolve(metrics.render()),
        ['{cache="digest",result="success"} 1', '{cache="verdict",result="success"} 1'],
      );
    });

    it('judges the ephemeral container kubectl debug adds to a pod', async () => {
      const image = `${registry.host}/team/debug:1.0`;
      const body = JSON.parse(
        podReview({ containers: [{ name: 'web', image: `${registry.host}/team/app@${pinned.digest}` }] }),
      ) as { request: Record<string, unknown> & { object: { spec: Record<string, unknown> } } };
      body.request.operation = 'UPDATE';
      body.request.subResource = 'ephemeralcontainers';
      body.request.object.spec.ephemeralContainers = [{ name: 'debugger', image }];
      const response = await admit(main, JSON.stringify(body));
      assert.equal(response.allowed, false);
      assert.equal(
        response.status?.message,
        `kubeward: 1 violation: [image-policy] ephemeral container "debugger" image ${image}: not pinned by digest (images.policy[0] requires image@sha256:…)`,
      );
    });

    it('does not judge, nor look up, an image no rule matches', async () => {
      const from = registry.accessLog().length;
      const response = await admit(main, podReview({ containers: [{ name: 'web', image: 'nginx:1.27' }] }));
      assert.equal(response.allowed, true);
      assert.equal(response.auditAnnotations?.['image-policy'], undefined);
      assert.deepEqual(await requestsSince(from), []);
    });

    it("admits an image signed by the rule's key, in cosign's signature layout", async () => {
      const image = `${registry.host}/signed/app:1.0`;
      const response = await admit(main, podReview({ containers: [{ name: 'web', image }] }));
      assert.equal(response.allowed, true, response.status?.message);
    });

    it('denies an image without a signature, naming the container and the rule', async () => {
      const image = `${registry.host}/signed/bare:1.0`;
      const response = await admit(main, podReview({ containers: [{ name: 'web', image }] }));
      assert.equal(response.allowed, false);
      assert.match(
        response.status?.message ?? '',
        /^kubeward: 1 violation: \[image-policy\] container "web" image [^ ]+\/signed\/bare:1\.0: no valid signature as images\.policy\[2\] requires: not signed: no cosign signature or Sigstore bundle found for sha256:[0-9a-f]{64}$/,
      );
      assert.equal(response.auditAnnotations?.['denied-by'], 'image-policy:unsigned');
    });

    describe('when the registry does not answer within images.registryTimeout', () => {
      it('denies under failurePolicy Fail, saying the registry timed out', async () => {
        const server = await serve('  registryTimeout: 400ms\n  failurePolicy: Fail');
        const image = `${silentHost}/team/app:1.0`;
        const started = performance.now();
        const response = await admit(server, podReview({ containers: [{ name: 'web', image }] }));
        assert.ok(performance.now() - started < 10_000);
        assert.equal(response.allowed, false);
        assert.equal(
          response.status?.message,
          `kubeward: 1 violation: [image-policy] container "web" image ${image}: cannot be evaluated: the registry ${silentHost} did not answer within 400 ms (images.registryTimeout)`,
        );
        assert.ok(sockets.size > 0, 'the silent server accepted the connection');
      });

      it('admits under failurePolicy Ignore, with a warning and the reason in the audit annotation', async () => {
        const server = await serve('  registryTimeout: 400ms\n  failurePolicy: Ignore');
        const image = `${silentHost}/team/app:1.0`;
        const response = await admit(server, podReview({ containers: [{ name: 'web', image }] }));
        assert.equal(response.allowed, true);
        assert.equal(response.warnings?.length, 1);
        assert.match(
          response.warnings?.[0] ?? '',
          /^\[image-policy\] admitted under failurePolicy Ignore: container "web" image /,
        );
        assert.equal(
          response.auditAnnotations?.['image-policy'],
          `[image-policy] container "web" image ${image}: cannot be evaluated: the registry ${silentHost} did not answer within 400 ms (images.registryTimeout)`,
        );
      });
    });
  },
);
