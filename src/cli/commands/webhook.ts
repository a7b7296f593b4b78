import { Command, Option } from 'commander';
import { SEVERITIES } from '../../model/severity.ts';
import { WEBHOOK_DEFAULTS } from '../../webhook/defaults.ts';
import type { CertFlags, ManifestFlags, ServeFlags } from '../webhook.ts';
import { collect } from './collect.ts';
import { configOption } from './findings-options.ts';

const NAME = 'kubeward-webhook';
const NAMESPACE = 'kubeward';

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

function serveCommand(): Command {
  return new Command('serve')
    .description(
      'Serve AdmissionReview v1 on POST /validate over HTTPS (TLS 1.2+), with /healthz, /readyz and /metrics.\n' +
        'Findings at or above --deny-on deny the request; milder ones are returned as warnings.\n' +
        'With images.policy in the config, every container image is judged too (pinning, signatures,\n' +
        'vulnerabilities against images.osvDatabase), registries waited for at most images.registryTimeout.\n' +
        'The certificate files are reloaded when they change. SIGTERM drains and stops.',
    )
    .requiredOption('--tls-cert <path>', 'serving certificate chain (PEM)')
    .requiredOption('--tls-key <path>', 'private key of the certificate (PEM)')
    .addOption(configOption())
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
      const { serveWebhook } = await import('../webhook.ts');
      await serveWebhook(flags);
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
      const { printWebhookManifests } = await import('../webhook.ts');
      await printWebhookManifests(flags);
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
      const { issueWebhookCertificate } = await import('../webhook.ts');
      await issueWebhookCertificate(flags);
    });
}
