import { createSign, randomBytes, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { join } from 'node:path';
import { issue } from './test-pki.ts';
import { freePort } from './test-servers.ts';

/** A running token service for a test registry. */
export interface RunningTokenServer {
  /** `https://127.0.0.1:PORT/token`. */
  readonly realm: string;
  readonly service: string;
  readonly issuer: string;
  /** PEM of the certificate whose key signs the tokens: the registry's `rootcertbundle`. */
  readonly rootCertificate: string;
  /** The requests it answered: the query and whether they carried basic credentials. */
  readonly requests: { readonly scope: string; readonly user: string | undefined }[];
  stop(): Promise<void>;
}

const base64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

/**
 * A token service as distribution's token auth expects one (docs/spec/auth/token.md and jwt.md):
 * GET `?service=…&scope=repository:NAME:ACTIONS` with optional basic credentials answers
 * `{"token": JWT}`, an RS256 JWT whose `x5c` header carries the signing certificate and whose
 * `access` claim grants what `grant` allows; and POST `grant_type=refresh_token` (oauth.md) for the
 * users of `refresh`, answering `{"access_token": JWT}`. Served over TLS with the registry's certificate.
 */
export async function startTokenServer(
  dir: string,
  tls: { cert: string; key: string },
  grant: (
    user: string | undefined,
    password: string | undefined,
    repository: string,
    actions: readonly string[],
  ) => readonly string[],
  refresh: readonly (readonly [string, [string, string]])[] = [],
): Promise<RunningTokenServer> {
  issue(dir, { subject: '/CN=kubeward test token signer', path: 'signer' });
  const signerCert = readFileSync(join(dir, 'signer.crt'), 'utf8');
  const signerKey = readFileSync(join(dir, 'signer.key'), 'utf8');
  const der = new X509Certificate(signerCert).raw;
  const port = await freePort();
  const service = 'kubeward-test-registry';
  const issuer = 'kubeward-test-token-issuer';
  const requests: { scope: string; user: string | undefined }[] = [];
  const refreshTokens = new Map<string, [string, string]>(refresh.map(([token, user]) => [token, user]));
  const sockets = new Set<Duplex>();
  const answer = (req: IncomingMessage, res: ServerResponse, form: URLSearchParams): void => {
    const url = new URL(req.url ?? '/', `https://127.0.0.1:${String(port)}`);
    const params = req.method === 'POST' ? form : url.searchParams;
    const scope = params.get('scope') ?? '';
    const header = req.headers.authorization ?? '';
    // docs/spec/auth/oauth.md: a refresh token stands for the user it was issued to.
    const refresh =
      params.get('grant_type') === 'refresh_token'
        ? refreshTokens.get(params.get('refresh_token') ?? '')
        : undefined;
    const [user, password] = refresh
      ? refresh
      : header.startsWith('Basic ')
        ? (Buffer.from(header.slice(6), 'base64').toString().split(':', 2) as [string, string])
        : [undefined, undefined];
    if (req.method === 'POST' && refresh === undefined) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end('{"error":"invalid_grant"}');
      return;
    }
    requests.push({ scope, user });
    const access = scope
      .split(' ')
      .filter((item) => item !== '')
      .map((item) => {
        const [type = '', name = '', actions = ''] = item.split(':');
        return {
          type,
          name,
          actions: type === 'repository' ? grant(user, password, name, actions.split(',')) : [],
        };
      });
    const now = Math.floor(Date.now() / 1000);
    const head = base64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', x5c: [der.toString('base64')] }));
    const claims = base64url(
      JSON.stringify({
        iss: issuer,
        sub: user ?? '',
        aud: service,
        exp: now + 300,
        nbf: now - 10,
        iat: now,
        jti: randomBytes(8).toString('hex'),
        access,
      }),
    );
    const signature = createSign('RSA-SHA256').update(`${head}.${claims}`).sign(signerKey);
    const token = `${head}.${claims}.${base64url(signature)}`;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify(
        req.method === 'POST' ? { access_token: token, expires_in: 300 } : { token, expires_in: 300 },
      ),
    );
  };
  const server = createServer({ cert: readFileSync(tls.cert), key: readFileSync(tls.key) }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      answer(req, res, new URLSearchParams(Buffer.concat(chunks).toString()));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    realm: `https://127.0.0.1:${String(port)}/token`,
    service,
    issuer,
    rootCertificate: signerCert,
    requests,
    stop: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => {
          resolve();
        });
      }),
  };
}
