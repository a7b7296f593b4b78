import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { issue } from './test-pki.ts';
import { freePort, stopChild } from './test-servers.ts';

/** A Debian `docker-registry` (distribution 2.8) serving TLS on loopback, started for a test. */
export interface RunningRegistry {
  /** `127.0.0.1:PORT`, as an image reference names it. */
  readonly host: string;
  /** The test CA's certificate (PEM) the registry's certificate is signed by. */
  readonly ca: string;
  /**
   * The registry's access log so far (distribution writes one combined-log line per request to
   * stdout): what the registry itself says it was asked.
   */
  accessLog(): readonly string[];
  stop(): Promise<void>;
}

/** How the registry authenticates: htpasswd users (Basic), or bearer tokens from a realm. */
export type RegistryAuth =
  | { readonly kind: 'htpasswd'; readonly users: Readonly<Record<string, string>> }
  | {
      readonly kind: 'token';
      readonly realm: string;
      readonly service: string;
      readonly issuer: string;
      /** PEM of the certificate whose key signs the tokens. */
      readonly rootCertificate: string;
    };

/** The CA and server certificate of a registry on 127.0.0.1, made with openssl under `dir`. */
export function registryPki(dir: string): { ca: string; cert: string; key: string } {
  issue(dir, { subject: '/CN=kubeward test registry CA', path: 'ca', ca: true });
  issue(dir, {
    subject: '/CN=127.0.0.1',
    path: 'registry',
    issuer: 'ca',
    sans: ['IP:127.0.0.1', 'DNS:localhost'],
  });
  return { ca: join(dir, 'ca.crt'), cert: join(dir, 'registry.crt'), key: join(dir, 'registry.key') };
}

/**
 * Starts `docker-registry` (the reference OCI distribution server) with TLS from a test CA and the
 * given auth, on a random loopback port, its storage under `dir`; resolves once `/v2/` answers.
 */
export async function startRegistry(
  dir: string,
  auth: RegistryAuth,
  pki: { ca: string; cert: string; key: string } = registryPki(join(dir, 'pki')),
): Promise<RunningRegistry> {
  mkdirSync(join(dir, 'storage'), { recursive: true });
  const port = await freePort();
  let authConfig: string;
  if (auth.kind === 'htpasswd') {
    const lines = Object.entries(auth.users).map(([user, password]) =>
      execFileSync('htpasswd', ['-nbB', user, password], { encoding: 'utf8' }).trim(),
    );
    writeFileSync(join(dir, 'htpasswd'), `${lines.join('\n')}\n`);
    authConfig = `  htpasswd:\n    realm: kubeward-test\n    path: ${join(dir, 'htpasswd')}\n`;
  } else {
    writeFileSync(join(dir, 'token-root.crt'), auth.rootCertificate);
    authConfig = [
      '  token:',
      `    realm: ${auth.realm}`,
      `    service: ${auth.service}`,
      `    issuer: ${auth.issuer}`,
      `    rootcertbundle: ${join(dir, 'token-root.crt')}`,
      '',
    ].join('\n');
  }
  const config = [
    'version: 0.1',
    'log:',
    '  level: warn',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${join(dir, 'storage')}`,
    'http:',
    `  addr: 127.0.0.1:${String(port)}`,
    '  tls:',
    `    certificate: ${pki.cert}`,
    `    key: ${pki.key}`,
    'auth:',
    authConfig,
  ].join('\n');
  writeFileSync(join(dir, 'config.yml'), config);
  const child = spawn('docker-registry', ['serve', join(dir, 'config.yml')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let access = '';
  child.stdout.on('data', (chunk: Buffer) => {
    access += chunk.toString();
  });
  let log = '';
  child.stderr.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  const stop = (): Promise<void> => stopChild(child);
  const ca = readFileSync(pki.ca, 'utf8');
  const host = `127.0.0.1:${String(port)}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    const status = await send(host, ca, 'GET', '/v2/', {}).then(
      (response) => response.status,
      () => 0,
    );
    if (status !== 0) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`docker-registry did not start:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    host,
    ca,
    stop,
    accessLog: () => access.split('\n').filter((line) => line !== ''),
  };
}

/** One HTTPS exchange with the registry, read whole. */
export function send(
  host: string,
  ca: string,
  method: string,
  path: string,
  headers: Readonly<Record<string, string>>,
  body?: Buffer,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `https://${host}${path}`,
      {
        method,
        headers: { ...headers, ...(body === undefined ? {} : { 'content-length': String(body.length) }) },
        ca,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** `sha256:<hex>` of bytes. */
export const sha256 = (bytes: Buffer): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

/** A tar archive (POSIX ustar) of regular files, written by hand: what an image layer is. */
export function tarOf(files: Readonly<Record<string, string>>): Buffer {
  const blocks: Buffer[] = [];
  for (const [name, content] of Object.entries(files)) {
    const data = Buffer.from(content);
    const header = Buffer.alloc(512);
    const field = (offset: number, length: number, value: string): void => {
      header.write(value, offset, length, 'ascii');
    };
    field(0, 100, name);
    field(100, 8, '0000644\0');
    field(108, 8, '0000000\0');
    field(116, 8, '0000000\0');
    field(124, 12, `${data.length.toString(8).padStart(11, '0')}\0`);
    field(136, 12, '00000000000\0');
    field(148, 8, '        ');
    field(156, 1, '0');
    field(257, 6, 'ustar\0');
    field(263, 2, '00');
    let sum = 0;
    for (const byte of header) sum += byte;
    field(148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
    blocks.push(header, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

/** What was pushed: the manifest's digest and bytes, and its config's and layer's digests. */
export interface PushedImage {
  readonly digest: string;
  readonly manifest: Buffer;
  readonly mediaType: string;
  readonly config: string;
  readonly layer: string;
  readonly layerBytes: Buffer;
}

/** A client that pushes to a test registry with the distribution API (blob uploads, manifest PUT). */
export class RegistryPusher {
  readonly registry: RunningRegistry;
  readonly authorization: (repository: string) => Promise<string>;

  constructor(registry: RunningRegistry, authorization: (repository: string) => Promise<string>) {
    this.registry = registry;
    this.authorization = authorization;
  }

  async blob(repository: string, bytes: Buffer): Promise<string> {
    const digest = sha256(bytes);
    const auth = { authorization: await this.authorization(repository) };
    const start = await send(
      this.registry.host,
      this.registry.ca,
      'POST',
      `/v2/${repository}/blobs/uploads/`,
      auth,
    );
    if (start.status !== 202)
      throw new Error(`upload start: ${String(start.status)} ${start.body.toString()}`);
    const location = new URL(String(start.headers.location), `https://${this.registry.host}`);
    location.searchParams.set('digest', digest);
    const put = await send(
      this.registry.host,
      this.registry.ca,
      'PUT',
      `${location.pathname}${location.search}`,
      { ...auth, 'content-type': 'application/octet-stream' },
      bytes,
    );
    if (put.status !== 201) throw new Error(`upload: ${String(put.status)} ${put.body.toString()}`);
    return digest;
  }

  async manifest(repository: string, reference: string, mediaType: string, body: Buffer): Promise<string> {
    const put = await send(
      this.registry.host,
      this.registry.ca,
      'PUT',
      `/v2/${repository}/manifests/${reference}`,
      { authorization: await this.authorization(repository), 'content-type': mediaType },
      body,
    );
    if (put.status !== 201) throw new Error(`manifest: ${String(put.status)} ${put.body.toString()}`);
    return sha256(body);
  }

  /** A one-layer OCI image (a real gzip tar layer, its config naming the platform), tagged `tag` when given. */
  async image(
    repository: string,
    tag: string | undefined,
    files: Readonly<Record<string, string>>,
    platform: Readonly<Record<string, string>> = { os: 'linux', architecture: 'amd64' },
  ): Promise<PushedImage> {
    const tar = tarOf(files);
    const layerBytes = gzipSync(tar);
    const layer = await this.blob(repository, layerBytes);
    const configBytes = Buffer.from(
      JSON.stringify({ ...platform, rootfs: { type: 'layers', diff_ids: [sha256(tar)] }, config: {} }),
    );
    const config = await this.blob(repository, configBytes);
    const mediaType = 'application/vnd.oci.image.manifest.v1+json';
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType,
        config: {
          mediaType: 'application/vnd.oci.image.config.v1+json',
          digest: config,
          size: configBytes.length,
        },
        layers: [
          {
            mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
            digest: layer,
            size: layerBytes.length,
          },
        ],
      }),
    );
    const digest = await this.manifest(repository, tag ?? sha256(manifest), mediaType, manifest);
    return { digest, manifest, mediaType, config, layer, layerBytes };
  }

  /** An OCI index of images already pushed, one per platform, tagged `tag`. */
  async index(
    repository: string,
    tag: string,
    entries: readonly { image: PushedImage; platform: Record<string, string> }[],
  ): Promise<string> {
    const mediaType = 'application/vnd.oci.image.index.v1+json';
    const body = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType,
        manifests: entries.map(({ image, platform }) => ({
          mediaType: image.mediaType,
          digest: image.digest,
          size: image.manifest.length,
          platform,
        })),
      }),
    );
    return this.manifest(repository, tag, mediaType, body);
  }
}

/** `Basic base64(user:password)`. */
export const basicAuth = (user: string, password: string): string =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** What a {@link startFaultyProxy} does to the requests it forwards. */
export interface Faults {
  /** Answer this many requests 503 (with `Retry-After: 0`) before forwarding. */
  unavailable?: number;
  /** Never answer requests whose path matches. */
  stall?: RegExp;
  /** Flip a byte of the bodies of requests whose path matches. */
  corrupt?: RegExp;
}

/**
 * A plain-HTTP proxy on loopback in front of a test registry, forwarding every request to it over
 * TLS and applying `faults`: the registry stays real, the network misbehaves. `requests` counts.
 */
export async function startFaultyProxy(
  registry: RunningRegistry,
  faults: Faults,
): Promise<{ host: string; requests: () => number; stop: () => Promise<void> }> {
  const { createServer } = await import('node:http');
  let count = 0;
  const sockets = new Set<import('node:net').Socket>();
  const server = createServer((req, res) => {
    count++;
    const path = req.url ?? '/';
    if (faults.unavailable !== undefined && faults.unavailable > 0) {
      faults.unavailable--;
      res.writeHead(503, { 'retry-after': '0', 'content-type': 'application/json' });
      res.end('{"errors":[{"code":"UNAVAILABLE","message":"try again"}]}');
      return;
    }
    if (faults.stall?.test(path) === true) return;
    const headers = { ...req.headers, host: registry.host };
    const upstream = request(
      `https://${registry.host}${path}`,
      { method: req.method, headers, ca: registry.ca },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const body = Buffer.concat(chunks);
          if (faults.corrupt?.test(path) === true && body.length > 0)
            body.writeUInt8(body.readUInt8(body.length - 1) ^ 0xff, body.length - 1);
          const out = { ...answer.headers };
          delete out['transfer-encoding'];
          res.writeHead(answer.statusCode ?? 502, out);
          res.end(body);
        });
      },
    );
    upstream.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    host: `127.0.0.1:${String(port)}`,
    requests: () => count,
    stop: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => {
          resolve();
        });
      }),
  };
}
