/**
 * OSV's per-ecosystem exports, as tests serve them: zips of `<ID>.json` records (google/osv.dev
 * docs/data.md, "Data dumps": `<ECOSYSTEM>/all.zip`) built with yazl from records the tests write
 * after the OSV schema (ossf/osv-schema docs/schema.md), served over HTTPS on loopback with ETag and
 * Last-Modified, answering conditional requests with 304 (RFC 9110 §13.1).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { join } from 'node:path';
import yazl from 'yazl';
import { issue } from './test-pki.ts';

/** A zip holding `files` (name → content), deflated, as OSV's exports are. */
export function zipOf(files: Readonly<Record<string, string>>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(files))
    zip.addBuffer(Buffer.from(content), name, { mtime: new Date(Date.UTC(2026, 0, 1)) });
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    zip.outputStream.on('error', reject);
  });
}

/** The record files of an export: `<id>.json` for each record. */
export function recordFiles(records: readonly { readonly id: string }[]): Record<string, string> {
  return Object.fromEntries(records.map((record) => [`${record.id}.json`, JSON.stringify(record)]));
}

/** One request the server saw. */
export interface SeenRequest {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly status: number;
}

/** A running export server: what it serves can change between requests. */
export interface ExportServer {
  /** `https://127.0.0.1:PORT`, the base URL of the exports. */
  readonly url: string;
  /** The test CA's certificate (PEM). */
  readonly ca: string;
  /** The CA certificate's file, for `NODE_EXTRA_CA_CERTS`. */
  readonly caFile: string;
  readonly requests: SeenRequest[];
  /** Serves `zip` (or any bytes) at `/<ecosystem>/all.zip`, with a new ETag. */
  serve(ecosystem: string, zip: Buffer, lastModified?: string): void;
  /** Answers `/<ecosystem>/all.zip` with this status instead. */
  fail(ecosystem: string, status: number): void;
  stop(): Promise<void>;
}

/** Starts an HTTPS server on 127.0.0.1 with a certificate from a test CA made under `dir`. */
export async function startExportServer(dir: string): Promise<ExportServer> {
  issue(dir, { subject: '/CN=kubeward test CA', path: 'ca', ca: true });
  issue(dir, { subject: '/CN=127.0.0.1', path: 'server', issuer: 'ca', sans: ['IP:127.0.0.1'] });
  const exports = new Map<string, { body: Buffer; etag: string; lastModified: string } | number>();
  const requests: SeenRequest[] = [];
  const sockets = new Set<TLSSocket>();
  const server = createServer(
    { cert: readFileSync(join(dir, 'server.crt')), key: readFileSync(join(dir, 'server.key')) },
    (req, res) => {
      const path = req.url ?? '/';
      const match = /^\/([^/]+)\/all\.zip$/.exec(path);
      const found = match === null ? undefined : exports.get(decodeURIComponent(match[1] ?? ''));
      const answer = (status: number, headers: Record<string, string> = {}, body?: Buffer): void => {
        requests.push({ path, headers: req.headers, status });
        res.writeHead(status, headers);
        res.end(body);
      };
      if (found === undefined) answer(404);
      else if (typeof found === 'number') answer(found);
      else if (
        req.headers['if-none-match'] === found.etag ||
        (req.headers['if-none-match'] === undefined &&
          req.headers['if-modified-since'] === found.lastModified)
      )
        answer(304, { etag: found.etag });
      else
        answer(
          200,
          {
            'content-type': 'application/zip',
            'content-length': String(found.body.length),
            etag: found.etag,
            'last-modified': found.lastModified,
          },
          found.body,
        );
    },
  );
  server.on('secureConnection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `https://127.0.0.1:${String(port)}`,
    ca: readFileSync(join(dir, 'ca.crt'), 'utf8'),
    caFile: join(dir, 'ca.crt'),
    requests,
    serve(ecosystem, zip, lastModified = 'Thu, 01 Jan 2026 00:00:00 GMT') {
      const etag = `"${createHash('sha256').update(zip).digest('hex').slice(0, 16)}"`;
      exports.set(ecosystem, { body: zip, etag, lastModified });
    },
    fail(ecosystem, status) {
      exports.set(ecosystem, status);
    },
    stop: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => {
          resolve();
        });
      }),
  };
}
