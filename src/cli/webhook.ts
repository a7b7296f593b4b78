import { mkdir, readFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { CHECKS } from '../checks/registry.ts';
import { loadConfig } from '../config/load-config.ts';
import { InputError, UsageError } from '../model/errors.ts';
import { SEVERITIES } from '../model/severity.ts';
import type { Severity } from '../model/severity.ts';
import { certificateProblems, issueCertificates, writeCertificates } from '../webhook/cert.ts';
import { kubesecScoreRule } from '../webhook/kubesec.ts';
import { jsonLogger } from '../webhook/log.ts';
import type { LogLevel } from '../webhook/log.ts';
import { renderManifests, webhookManifests } from '../webhook/manifests.ts';
import { loadAdmissionPolicies } from '../webhook/policies.ts';
import { startWebhookServer, WEBHOOK_DEFAULTS } from '../webhook/server.ts';

interface ServeFlags {
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

interface ManifestFlags {
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

interface CertFlags {
  readonly namespace: string;
  readonly name: string;
  readonly days: string;
  readonly san: readonly string[];
  readonly outDir: string;
}

const NAME = 'kubeward-webhook';
const NAMESPACE = 'kubeward';
const collect = (value: string, previous: readonly string[]): string[] => [...previous, value];

/** `kubeward webhook`: serve the checks as a ValidatingAdmissionWebhook, and deploy it. */
export function webhookCommand(): Command {
  return new Command('webhook')
    .summary('enforce the checks in the cluster as a validating admission webhook')
    .description(
      'Serve the kubeward checks as a ValidatingAdmissionWebhook, print its deployment, issue its certificate.',
    )
    .addCommand(serveCommand())
    .addCommand(manifestsCommand())
    .addCommand(certCommand());
}

function integer(flag: string, value: string, min: number, max: number): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min || parsed > max)
    throw new UsageError(`${flag} must be an integer from ${String(min)} to ${String(max)}, not "${value}"`);
  return parsed;
}

function serveCommand(): Command {
  return new Command('serve')
    .description(
      'Serve AdmissionReview v1 on POST /validate over HTTPS (TLS 1.2+), with /healthz, /readyz and /metrics.\n' +
        'Findings at or above --deny-on deny the request; milder ones are returned as warnings.\n' +
        'The certificate files are reloaded when they change. SIGTERM drains and stops.',
    )
    .requiredOption('--tls-cert <path>', 'serving certificate chain (PEM)')
    .requiredOption('--tls-key <path>', 'private key of the certificate (PEM)')
    .option('--config <path>', 'config file (default: .kubeward.yaml in the working directory, if present)')
    .option('--port <port>', 'port to listen on', String(WEBHOOK_DEFAULTS.port))
    .option('--host <address>', 'address to listen on', WEBHOOK_DEFAULTS.host)
    .addOption(
      new Option(
        '--deny-on <severity>',
        'deny at or above this severity (none: warn only); default: failOn of the config, else high',
      ).choices([...SEVERITIES, 'none']),
    )
    .option('--max-body-bytes <n>', 'largest request body accepted', String(WEBHOOK_DEFAULTS.maxBodyBytes))
    .option('--budget-ms <n>', 'time allowed to receive a request body', String(WEBHOOK_DEFAULTS.budgetMs))
    .option(
      '--handshake-timeout-ms <n>',
      'time a client has to finish its TLS handshake',
      String(WEBHOOK_DEFAULTS.handshakeTimeoutMs),
    )
    .option(
      '--headers-timeout-ms <n>',
      'time a client has to send its request headers (against slowloris)',
      String(WEBHOOK_DEFAULTS.headersTimeoutMs),
    )
    .option(
      '--idle-timeout-ms <n>',
      'time an idle keep-alive connection stays open',
      String(WEBHOOK_DEFAULTS.keepAliveTimeoutMs),
    )
    .option(
      '--max-connections <n>',
      'open connections at most (idle and mid-handshake ones included); more are refused',
      String(WEBHOOK_DEFAULTS.maxConnections),
    )
    .option(
      '--max-in-flight <n>',
      'reviews received or evaluated at once; more are answered 429 (the API server retries)',
      String(WEBHOOK_DEFAULTS.maxInFlight),
    )
    .option(
      '--shutdown-grace-ms <n>',
      'time in-flight reviews get to finish after SIGTERM',
      String(WEBHOOK_DEFAULTS.shutdownGraceMs),
    )
    .option(
      '--client-ca <path>',
      "require a client certificate signed by this CA (PEM): the API server's, see docs/webhook.md",
    )
    .addOption(
      new Option(
        '--connect <policy>',
        'CONNECT to pods/exec, pods/attach and pods/portforward (kubectl exec, attach, port-forward)',
      )
        .choices(['allow', 'deny'])
        .default('allow'),
    )
    .option(
      '--min-score <n>',
      'deny workloads whose kubesec score is below n (Pod, Deployment, StatefulSet, DaemonSet)',
    )
    .option(
      '--policy <path>',
      'ValidatingAdmissionPolicy and binding manifests to enforce, as kubeward test runs them (repeatable)',
      collect,
      [],
    )
    .option(
      '--honour-annotations',
      'honour kubeward.io/ignore annotations on reviewed objects (off: whoever writes the object could exempt it)',
      false,
    )
    .addOption(
      new Option(
        '--log-level <level>',
        'least level logged: denials are warn, admissions with warnings info, clean admissions debug',
      )
        .choices(['debug', 'info', 'warn', 'error'])
        .default('info'),
    )
    .action(async (flags: ServeFlags) => {
      const config = loadConfig(flags.config, CHECKS);
      const log = jsonLogger((line) => process.stderr.write(line), flags.logLevel);
      const minScore =
        flags.minScore === undefined ? undefined : integer('--min-score', flags.minScore, -1000, 1000);
      const policies = flags.policy.length > 0 ? await loadAdmissionPolicies(flags.policy) : undefined;
      const webhook = await startWebhookServer({
        tls: { cert: flags.tlsCert, key: flags.tlsKey },
        policy: {
          checks: CHECKS,
          run: { ...config.run, honourAnnotations: flags.honourAnnotations },
          denyOn: flags.denyOn ?? config.failOn ?? 'high',
          ...(minScore === undefined ? {} : { score: kubesecScoreRule(minScore) }),
          ...(policies === undefined ? {} : { policies }),
          connect: flags.connect,
        },
        log,
        port: integer('--port', flags.port, 0, 65535),
        host: flags.host,
        maxBodyBytes: integer('--max-body-bytes', flags.maxBodyBytes, 1024, 64 * 1024 * 1024),
        budgetMs: integer('--budget-ms', flags.budgetMs, 100, 9000),
        handshakeTimeoutMs: integer('--handshake-timeout-ms', flags.handshakeTimeoutMs, 100, 120_000),
        headersTimeoutMs: integer('--headers-timeout-ms', flags.headersTimeoutMs, 100, 120_000),
        keepAliveTimeoutMs: integer('--idle-timeout-ms', flags.idleTimeoutMs, 100, 600_000),
        maxConnections: integer('--max-connections', flags.maxConnections, 1, 100_000),
        maxInFlight: integer('--max-in-flight', flags.maxInFlight, 1, 10_000),
        shutdownGraceMs: integer('--shutdown-grace-ms', flags.shutdownGraceMs, 0, 120_000),
        ...(flags.clientCa === undefined ? {} : { clientCa: flags.clientCa }),
      });
      await new Promise<void>((resolve) => {
        const stop = (signal: NodeJS.Signals): void => {
          log('info', 'shutting down', { signal });
          process.off('SIGTERM', stop);
          process.off('SIGINT', stop);
          void webhook.close().then(resolve);
        };
        process.on('SIGTERM', stop);
        process.on('SIGINT', stop);
      });
    });
}

function manifestsCommand(): Command {
  return new Command('manifests')
    .description(
      'Print the hardened deployment of the webhook as YAML for kubectl apply: Namespace, ServiceAccount,\n' +
        'Service, Deployment, PodDisruptionBudget, NetworkPolicy and ValidatingWebhookConfiguration.\n' +
        'Create the TLS Secret first: kubeward webhook cert --out-dir DIR prints how.',
    )
    .option('-n, --namespace <name>', 'namespace to deploy into', NAMESPACE)
    .option('--name <name>', 'name of the Service, Deployment and the rest', NAME)
    .requiredOption('--image <ref>', 'the kubeward container image you build and publish, pinned by digest')
    .option(
      '--ca-file <path>',
      'CA certificate (PEM) for the caBundle, e.g. ca.crt from kubeward webhook cert',
    )
    .option(
      '--apiserver-cidr <cidr>',
      'address range of the API servers admitted by the NetworkPolicy (repeatable)',
      collect,
      [],
    )
    .option('--timeout-seconds <n>', 'how long the API server waits for the webhook (1-30)', '5')
    .option('--tls-secret <name>', 'Secret holding tls.crt and tls.key', `${NAME}-tls`)
    .addOption(
      new Option('--connect <policy>', 'route and refuse kubectl exec, attach and port-forward (deny)')
        .choices(['allow', 'deny'])
        .default('allow'),
    )
    .option(
      '--max-in-flight <n>',
      'the server bound on reviews at once; the memory limit is sized from it',
      String(WEBHOOK_DEFAULTS.maxInFlight),
    )
    .option(
      '--max-body-bytes <n>',
      'the server limit on a request body; the memory limit is sized from it',
      String(WEBHOOK_DEFAULTS.maxBodyBytes),
    )
    .action(async (flags: ManifestFlags) => {
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
        timeoutSeconds: integer('--timeout-seconds', flags.timeoutSeconds, 1, 30),
        tlsSecret: flags.tlsSecret,
        connect: flags.connect,
        maxInFlight: integer('--max-in-flight', flags.maxInFlight, 1, 10_000),
        maxBodyBytes: integer('--max-body-bytes', flags.maxBodyBytes, 1024, 64 * 1024 * 1024),
      });
      process.stdout.write(renderManifests(manifests));
    });
}

function certCommand(): Command {
  return new Command('cert')
    .description(
      'Issue a CA and a serving certificate for the webhook Service (for clusters without cert-manager),\n' +
        'in memory: the CA key never touches the disk. Writes ca.crt, tls.crt and tls.key (mode 0600) into\n' +
        '--out-dir, replacing (never writing through) what is there.\n' +
        'Keep tls.key out of version control.',
    )
    .requiredOption('--out-dir <dir>', 'directory to write ca.crt, tls.crt and tls.key into')
    .option('-n, --namespace <name>', 'namespace of the Service', NAMESPACE)
    .option('--name <name>', 'name of the Service', NAME)
    .option('--days <n>', 'validity in days', '365')
    .option('--san <name>', 'another DNS name or IP address for the certificate (repeatable)', collect, [])
    .action(async (flags: CertFlags) => {
      const issued = issueCertificates({
        service: flags.name,
        namespace: flags.namespace,
        days: integer('--days', flags.days, 1, 3650),
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
    });
}
