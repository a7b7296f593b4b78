import { mkdir, readFile } from 'node:fs/promises';
import { CHECKS } from '../checks/registry.ts';
import { loadConfig } from '../config/load-config.ts';
import { InputError } from '../model/errors.ts';
import type { Severity } from '../model/severity.ts';
import { certificateProblems, issueCertificates, writeCertificates } from '../webhook/cert.ts';
import { kubesecScoreRule } from '../webhook/kubesec.ts';
import { jsonLogger } from '../webhook/log.ts';
import type { LogLevel } from '../webhook/log.ts';
import { renderManifests, webhookManifests } from '../webhook/manifests.ts';
import { createMetrics } from '../webhook/metrics.ts';
import { loadAdmissionPolicies } from '../webhook/policies.ts';
import { startWebhookServer } from '../webhook/server.ts';
import { integerFlag } from './integer-flag.ts';
import { untilStopped } from './until-stopped.ts';
import { webhookImageJudge } from './webhook-images.ts';

/** The flags of `kubeward webhook serve`, as commander parses them. */
export interface ServeFlags {
  readonly tlsCert: string;
  readonly tlsKey: string;
  readonly config?: string;
  readonly port: string;
  readonly host: string;
  readonly denyOn?: Severity | 'none';
  readonly maxBodyBytes: string;
  readonly budgetMs: string;
  readonly honourAnnotations: boolean;
  readonly logLevel: LogLevel;
  readonly minScore?: string;
  readonly policy: readonly string[];
  readonly handshakeTimeoutMs: string;
  readonly headersTimeoutMs: string;
  readonly idleTimeoutMs: string;
  readonly maxConnections: string;
  readonly maxInFlight: string;
  readonly shutdownGraceMs: string;
  readonly clientCa?: string;
  readonly connect: 'allow' | 'deny';
}

/** The flags of `kubeward webhook manifests`, as commander parses them. */
export interface ManifestFlags {
  readonly namespace: string;
  readonly name: string;
  readonly image: string;
  readonly caFile?: string;
  readonly apiserverCidr: readonly string[];
  readonly timeoutSeconds: string;
  readonly tlsSecret: string;
  readonly connect: 'allow' | 'deny';
  readonly maxInFlight: string;
  readonly maxBodyBytes: string;
}

/** The flags of `kubeward webhook cert`, as commander parses them. */
export interface CertFlags {
  readonly namespace: string;
  readonly name: string;
  readonly days: string;
  readonly san: readonly string[];
  readonly outDir: string;
}

/** `kubeward webhook serve`: the checks as a ValidatingAdmissionWebhook, until SIGTERM or SIGINT. */
export async function serveWebhook(flags: ServeFlags): Promise<void> {
  const config = await loadConfig(flags.config, CHECKS);
  const log = jsonLogger((line) => process.stderr.write(line), flags.logLevel);
  const minScore =
    flags.minScore === undefined ? undefined : integerFlag('--min-score', flags.minScore, -1000, 1000);
  const policies = flags.policy.length > 0 ? await loadAdmissionPolicies(flags.policy) : undefined;
  const metrics = createMetrics();
  const images =
    config.images === undefined ? undefined : await webhookImageJudge(config.images, log, metrics);
  const webhook = await startWebhookServer({
    tls: { cert: flags.tlsCert, key: flags.tlsKey },
    policy: {
      checks: CHECKS,
      run: { ...config.run, honourAnnotations: flags.honourAnnotations },
      denyOn: flags.denyOn ?? config.failOn ?? 'high',
      ...(minScore === undefined ? {} : { score: kubesecScoreRule(minScore) }),
      ...(policies === undefined ? {} : { policies }),
      connect: flags.connect,
      ...(images === undefined ? {} : { images }),
    },
    metrics,
    log,
    port: integerFlag('--port', flags.port, 0, 65535),
    host: flags.host,
    maxBodyBytes: integerFlag('--max-body-bytes', flags.maxBodyBytes, 1024, 64 * 1024 * 1024),
    budgetMs: integerFlag('--budget-ms', flags.budgetMs, 100, 9000),
    handshakeTimeoutMs: integerFlag('--handshake-timeout-ms', flags.handshakeTimeoutMs, 100, 120_000),
    headersTimeoutMs: integerFlag('--headers-timeout-ms', flags.headersTimeoutMs, 100, 120_000),
    keepAliveTimeoutMs: integerFlag('--idle-timeout-ms', flags.idleTimeoutMs, 100, 600_000),
    maxConnections: integerFlag('--max-connections', flags.maxConnections, 1, 100_000),
    maxInFlight: integerFlag('--max-in-flight', flags.maxInFlight, 1, 10_000),
    shutdownGraceMs: integerFlag('--shutdown-grace-ms', flags.shutdownGraceMs, 0, 120_000),
    ...(flags.clientCa === undefined ? {} : { clientCa: flags.clientCa }),
  });
  await untilStopped(() => webhook.close(), log);
}

/** `kubeward webhook manifests`: the hardened deployment of the webhook as YAML. */
export async function printWebhookManifests(flags: ManifestFlags): Promise<void> {
  let caBundle: string | undefined;
  if (flags.caFile !== undefined) {
    try {
      caBundle = await readFile(flags.caFile, 'utf8');
    } catch (error) {
      throw new InputError(`${flags.caFile}: cannot read: ${(error as Error).message}`, { cause: error });
    }
    if (!caBundle.includes('-----BEGIN CERTIFICATE-----'))
      throw new InputError(`${flags.caFile}: not a PEM certificate`);
  } else {
    process.stderr.write('warning: no --ca-file: the ValidatingWebhookConfiguration has no caBundle\n');
  }
  if (flags.apiserverCidr.length === 0)
    process.stderr.write(
      'note: no --apiserver-cidr: the NetworkPolicy admits any source on the webhook port\n',
    );
  const manifests = webhookManifests({
    namespace: flags.namespace,
    name: flags.name,
    image: flags.image,
    caBundle,
    apiServerCidrs: flags.apiserverCidr,
    timeoutSeconds: integerFlag('--timeout-seconds', flags.timeoutSeconds, 1, 30),
    tlsSecret: flags.tlsSecret,
    connect: flags.connect,
    maxInFlight: integerFlag('--max-in-flight', flags.maxInFlight, 1, 10_000),
    maxBodyBytes: integerFlag('--max-body-bytes', flags.maxBodyBytes, 1024, 64 * 1024 * 1024),
  });
  process.stdout.write(renderManifests(manifests));
}

/** `kubeward webhook cert`: a CA and a serving certificate for the webhook Service. */
export async function issueWebhookCertificate(flags: CertFlags): Promise<void> {
  const issued = issueCertificates({
    service: flags.name,
    namespace: flags.namespace,
    days: integerFlag('--days', flags.days, 1, 3650),
    extraNames: flags.san,
  });
  const problems = certificateProblems(issued, flags.name, flags.namespace);
  if (problems.length > 0) throw new InputError(`issued certificate unusable: ${problems.join('; ')}`);
  await mkdir(flags.outDir, { recursive: true, mode: 0o700 });
  const files = await writeCertificates(flags.outDir, issued);
  process.stdout.write(`${files.join('\n')}\n`);
  process.stderr.write(
    `next:\n  kubectl create namespace ${flags.namespace}\n` +
      `  kubectl -n ${flags.namespace} create secret tls ${flags.name}-tls --cert ${flags.outDir}/tls.crt --key ${flags.outDir}/tls.key\n` +
      `  kubeward webhook manifests -n ${flags.namespace} --name ${flags.name} --ca-file ${flags.outDir}/ca.crt | kubectl apply -f -\n`,
  );
}
