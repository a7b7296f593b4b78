import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { InputError, UsageError } from '../model/errors.ts';
import { renderStats } from '../render/detect/stats.ts';
import type { DetectStats } from '../render/detect/stats.ts';
import { auditWebhookKubeconfig } from '../webhook/audit/kubeconfig.ts';
import { startAuditWebhook } from '../webhook/audit/server.ts';
import { AUDIT_WEBHOOK_DEFAULTS } from '../webhook/audit/defaults.ts';
import { jsonLogger } from '../webhook/log.ts';
import type { LogLevel } from '../webhook/log.ts';
import { useColor } from './color.ts';
import { alertWriter } from './detect-alerts.ts';
import type { AlertFlags } from './detect-alerts.ts';
import { loadRuleset } from './detect-rules.ts';
import type { RulesFlags } from './detect-rules.ts';
import { integerFlag } from './integer-flag.ts';
import { untilStopped } from './until-stopped.ts';

/** The flags of `kubeward detect serve`, as commander parses them. */
export interface DetectServeFlags extends RulesFlags, AlertFlags {
  readonly tlsCert: string;
  readonly tlsKey: string;
  readonly port: string;
  readonly host: string;
  readonly clientCa?: string;
  readonly maxBodyBytes: string;
  readonly maxInFlight: string;
  readonly maxQueueEvents: string;
  readonly maxQueueBytes: string;
  readonly printConfig: boolean;
  readonly serverUrl?: string;
  readonly caFile?: string;
  readonly apiserverClientCert?: string;
  readonly apiserverClientKey?: string;
  readonly logLevel: LogLevel;
}

/**
 * `kubeward detect serve`: the audit webhook backend, matching what kube-apiserver sends until
 * SIGTERM or SIGINT (queued events are matched before it stops); with --print-config, the config file
 * kube-apiserver needs to call it.
 */
export async function detectServe(flags: DetectServeFlags): Promise<void> {
  const port = integerFlag('--port', flags.port, 0, 65535);
  if (flags.printConfig) {
    await printConfig(flags, port);
    return;
  }
  const ruleset = await loadRuleset(flags, process.stderr);
  const log = jsonLogger((line) => process.stderr.write(line), flags.logLevel);
  const stopped = new AbortController();
  const writer = alertWriter(ruleset, flags, process.stdout, {
    hostname: flags.hostname ?? hostname(),
    color: useColor(flags.color, process.stdout),
    closed: () => {
      log('error', 'stdout closed: no alert can be written; stopping');
      stopped.abort();
    },
  });
  const webhook = await startAuditWebhook({
    tls: { cert: flags.tlsCert, key: flags.tlsKey },
    log,
    port,
    host: flags.host,
    maxBodyBytes: integerFlag('--max-body-bytes', flags.maxBodyBytes, 1024, 1024 * 1024 * 1024),
    maxInFlight: integerFlag('--max-in-flight', flags.maxInFlight, 1, 1000),
    maxQueueEvents: integerFlag('--max-queue-events', flags.maxQueueEvents, 1, 10_000_000),
    maxQueueBytes: integerFlag('--max-queue-bytes', flags.maxQueueBytes, 1024, 16 * 1024 * 1024 * 1024),
    ...(flags.clientCa === undefined ? {} : { clientCa: flags.clientCa }),
    consume: (events) => writer.write(events),
  });
  const stats = (): DetectStats => {
    const counts = webhook.counts();
    return { ...writer.stats(), dropped: counts.dropped, refused: counts.refused };
  };
  const report = (): void => {
    process.stderr.write(renderStats(stats(), true));
  };
  process.on('SIGUSR1', report);
  await untilStopped(() => webhook.close(), log, stopped.signal);
  process.off('SIGUSR1', report);
  process.stderr.write(renderStats(stats()));
  process.exitCode = writer.failed ? 1 : 0;
}

async function printConfig(flags: DetectServeFlags, port: number): Promise<void> {
  const caFile = flags.caFile ?? flags.tlsCert;
  let caPem: string;
  try {
    caPem = await readFile(caFile, 'utf8');
  } catch (error) {
    throw new InputError(`${caFile}: cannot read: ${(error as Error).message}`, { cause: error });
  }
  if (!caPem.includes('-----BEGIN CERTIFICATE-----'))
    throw new InputError(`${caFile}: not a PEM certificate`);
  const wildcard = flags.host === '0.0.0.0' || flags.host === '::';
  const server =
    flags.serverUrl ??
    `https://${wildcard ? '127.0.0.1' : flags.host}:${String(port)}${AUDIT_WEBHOOK_DEFAULTS.path}`;
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    throw new UsageError(`--server-url: not a URL: "${server}"`);
  }
  if (url.protocol !== 'https:')
    throw new UsageError(`--server-url: the audit webhook is served over https, not "${url.protocol}"`);
  if ((flags.apiserverClientCert === undefined) !== (flags.apiserverClientKey === undefined))
    throw new UsageError('--apiserver-client-cert and --apiserver-client-key go together');
  if (flags.serverUrl === undefined && wildcard)
    process.stderr.write(
      `note: server ${server}: the API server must reach this address and --tls-cert must name it; set --server-url otherwise\n`,
    );
  process.stdout.write(
    auditWebhookKubeconfig({
      server,
      caPem,
      ...(flags.apiserverClientCert === undefined ? {} : { clientCertificate: flags.apiserverClientCert }),
      ...(flags.apiserverClientKey === undefined ? {} : { clientKey: flags.apiserverClientKey }),
    }),
  );
}
