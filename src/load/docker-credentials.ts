import { spawn } from 'node:child_process';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../model/errors.ts';
import { isRecord } from '../model/path.ts';
import { findExecutable } from './executable.ts';
import { readRegularFile } from './regular-file.ts';

/** What a docker configuration holds for a registry: a user and password, or tokens. */
export interface RegistryCredentials {
  readonly username?: string | undefined;
  readonly password?: string | undefined;
  /** An OAuth2 refresh token (`identitytoken`, or a helper's `<token>` user), traded at the token endpoint. */
  readonly identityToken?: string | undefined;
  /** A bearer token sent as is (`registrytoken`). */
  readonly registryToken?: string | undefined;
}

/** Where the docker configuration is and how far it may go. */
export interface DockerConfigOptions {
  /** The directory holding `config.json`: `$DOCKER_CONFIG`, else `~/.docker`, as docker looks. */
  readonly directory?: string | undefined;
  /** The `PATH` credential helpers are looked up in (default: the process's). */
  readonly path?: string | undefined;
  /** Largest config file and helper output read. */
  readonly maxBytes?: number | undefined;
  /** Longest a credential helper may run. */
  readonly timeoutMs?: number | undefined;
}

/** Docker Hub's key in `auths` and for helpers (docker/cli registry `IndexServer`). */
export const DOCKER_HUB_SERVER = 'https://index.docker.io/v1/';

const DEFAULT_MAX_BYTES = 1024 * 1024;

/** The host a config key names: `https://r.example/v1/` → `r.example` (docker/cli `ConvertToHostname`). */
function hostnameOf(key: string): string {
  const bare = key.replace(/^https?:\/\//, '');
  const slash = bare.indexOf('/');
  return slash === -1 ? bare : bare.slice(0, slash);
}

/** The key docker looks a registry up by: Docker Hub's index URL, or the host itself. */
function serverKey(registry: string): string {
  return registry === 'docker.io' || registry === 'index.docker.io' || registry === 'registry-1.docker.io'
    ? DOCKER_HUB_SERVER
    : registry;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** An `auths` entry: `auth` is base64 `user:password`; `username`/`password` and the tokens may stand beside it. */
function fromAuthEntry(
  entry: Readonly<Record<string, unknown>>,
  file: string,
  key: string,
): RegistryCredentials {
  const auth = text(entry.auth);
  let username = text(entry.username);
  let password = text(entry.password);
  if (auth !== undefined) {
    const decoded = Buffer.from(auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon === -1) throw new ConfigError(`${file}: auths."${key}".auth is not base64 of user:password`);
    username = decoded.slice(0, colon);
    password = decoded.slice(colon + 1);
  }
  return {
    username,
    password,
    identityToken: text(entry.identitytoken),
    registryToken: text(entry.registrytoken),
  };
}

async function readConfig(
  file: string,
  maxBytes: number,
): Promise<Readonly<Record<string, unknown>> | undefined> {
  let raw: Buffer;
  try {
    raw = await readRegularFile(file, maxBytes);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigError(`${file}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch (error) {
    throw new ConfigError(`${file}: invalid JSON: ${(error as Error).message}`);
  }
  if (!isRecord(parsed)) throw new ConfigError(`${file}: not a JSON object`);
  return parsed;
}

/**
 * Runs `docker-credential-<helper> get` as docker does (docker/docker-credential-helpers
 * client.Get): the server on standard input, `{"ServerURL","Username","Secret"}` on standard
 * output; "credentials not found" means none. A `<token>` user makes the secret an identity token.
 */
async function fromHelper(
  helper: string,
  server: string,
  file: string,
  options: DockerConfigOptions,
): Promise<RegistryCredentials | undefined> {
  const name = `docker-credential-${helper}`;
  const executable = findExecutable(name, options.path ?? process.env.PATH ?? '');
  if (executable === undefined) throw new ConfigError(`${file}: credential helper ${name} is not on PATH`);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
    const child = spawn(executable, ['get'], {
      stdio: ['pipe', 'pipe', 'ignore'],
      timeout: options.timeoutMs ?? 30_000,
      windowsHide: true,
    });
    const chunks: Buffer[] = [];
    let size = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) child.kill();
      else chunks.push(chunk);
    });
    child.on('error', reject);
    child.on('close', (exit) => {
      resolve({ code: exit, stdout: Buffer.concat(chunks).toString('utf8') });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(server);
  });
  if (code !== 0) {
    if (/credentials not found/i.test(stdout)) return undefined;
    const reason = stdout.trim().split('\n').at(-1) ?? '';
    throw new ConfigError(
      `${file}: credential helper ${name} failed for ${server}${code === null ? ' (stopped)' : ` (exit ${String(code)})`}${reason === '' ? '' : `: ${reason}`}`,
    );
  }
  let answer: unknown;
  try {
    answer = JSON.parse(stdout);
  } catch {
    throw new ConfigError(`${file}: credential helper ${name} answered no JSON for ${server}`);
  }
  if (!isRecord(answer)) throw new ConfigError(`${file}: credential helper ${name} answered no JSON object`);
  const username = text(answer.Username);
  const secret = text(answer.Secret);
  return username === '<token>' ? { identityToken: secret } : { username, password: secret };
}

/**
 * The credentials docker would use for `registry` (a host with its port, `docker.io` for Docker
 * Hub), from `config.json` as docker/cli reads it (configfile `GetAuthConfig`): the registry's
 * `credHelpers` entry, else the `credsStore` helper, else `auths` (keys compared by host, so
 * `https://r.example/v1/` matches `r.example`). Undefined when there are none (anonymous access);
 * a helper that has none means none, whatever `auths` holds, as in docker's native store.
 */
export async function dockerCredentials(
  registry: string,
  options: DockerConfigOptions = {},
): Promise<RegistryCredentials | undefined> {
  const directory = options.directory ?? process.env.DOCKER_CONFIG ?? join(homedir(), '.docker');
  const file = join(directory, 'config.json');
  const config = await readConfig(file, options.maxBytes ?? DEFAULT_MAX_BYTES);
  if (config === undefined) return undefined;
  const server = serverKey(registry);
  const host = hostnameOf(server);
  const helpers = isRecord(config.credHelpers) ? config.credHelpers : {};
  const helper = text(helpers[server]) ?? text(helpers[host]) ?? text(config.credsStore);
  const auths = isRecord(config.auths) ? config.auths : {};
  const key =
    server in auths ? server : Object.keys(auths).find((candidate) => hostnameOf(candidate) === host);
  const entry = key === undefined ? undefined : auths[key];
  const stored = key !== undefined && isRecord(entry) ? fromAuthEntry(entry, file, key) : undefined;
  // With a helper, docker takes the user and secret from it alone, even when it has none.
  return helper === undefined ? stored : fromHelper(helper, server, file, options);
}
