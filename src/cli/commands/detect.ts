import { Command, InvalidArgumentError, Option } from 'commander';
import { parseFileSize } from '../../load/file-size.ts';
import { AUDIT_WEBHOOK_DEFAULTS } from '../../webhook/audit/defaults.ts';
import type { CoverageFlags, DetectFlags, DetectServeFlags } from '../detect.ts';
import { collect } from './collect.ts';
import { maxFileSizeOption } from './max-file-size.ts';

/** Falco's priorities, as its `-o priority=` and rule files spell them (any case; `info` too). */
const PRIORITY_NAMES = [
  'emergency',
  'alert',
  'critical',
  'error',
  'warning',
  'notice',
  'informational',
  'info',
  'debug',
];

function priority(text: string): string {
  if (!PRIORITY_NAMES.includes(text.toLowerCase()))
    throw new InvalidArgumentError(`give one of ${PRIORITY_NAMES.join(', ')}`);
  return text;
}

function size(text: string): number {
  const bytes = parseFileSize(text);
  if (bytes === undefined)
    throw new InvalidArgumentError('give a size in bytes or with a suffix: 1048576, 500k, 16Mi');
  return bytes;
}

const RULES_HELP =
  "Falco rules file (repeatable; applied in order, later files override earlier ones): Falco's own\n" +
  'k8s_audit_rules.yaml (falcosecurity/plugins, plugins/k8saudit/rules) or rules of your own';

function rulesOptions(command: Command): Command {
  return command
    .option('--rules <file>', RULES_HELP, collect, [])
    .option(
      '--disable-tags <tag>',
      'disable the rules with this tag, as Falco -T does (repeatable)',
      collect,
      [],
    )
    .addOption(
      new Option(
        '--rule-matching <mode>',
        'first: the first matching rule of an event alerts (Falco default); all: every one',
      )
        .choices(['first', 'all'])
        .default('first'),
    );
}

function alertOptions(command: Command): Command {
  return command
    .addOption(
      new Option(
        '-o, --output <format>',
        'json: one Falco JSON alert per line; table: one line per alert (default on a terminal)',
      ).choices(['table', 'json']),
    )
    .option(
      '--min-priority <priority>',
      'show alerts at or above this priority (default: debug, all)',
      priority,
    )
    .option('--fail-on <priority>', 'exit 1 when an alert is at or above this priority', priority)
    .option('--hostname <name>', "the hostname field of JSON alerts (default: this host's name)")
    .option('--no-color', 'never colour the table');
}

/** `kubeward detect`: Falco's k8s_audit rules on Kubernetes audit events. */
export function detectCommand(): Command {
  const command = new Command('detect')
    .summary('intrusion detection on Kubernetes audit events with Falco k8s_audit rules')
    .description(
      'Match audit.k8s.io/v1 events against Falco rules and print an alert for each match.\n' +
        'Reads the JSON lines of the API server log backend (--audit-log-path), plain or rotated .gz,\n' +
        'EventList documents (JSON or YAML), or stdin (-, or no file); -F follows files as tail -F does.\n' +
        'Stats go to stderr at the end and on SIGUSR1. Exit 1: an alert at or above --fail-on;\n' +
        'exit 2: bad rules, or input that could not be used (every line that could was still matched).',
    )
    .enablePositionalOptions()
    .argument('[files...]', 'audit log files, EventList documents, or - for stdin')
    .option(
      '-F, --follow',
      'keep reading files as they grow, across truncation and rotation (until SIGINT/SIGTERM)',
      false,
    )
    .option(
      '--max-line-size <size>',
      'longest audit event line read (bytes, or 16Mi); longer lines are skipped',
      size,
      16 * 1024 * 1024,
    )
    .addOption(maxFileSizeOption());
  rulesOptions(command);
  alertOptions(command);
  return command
    .action(async (files: string[], flags: DetectFlags) => {
      const { detect } = await import('../detect.ts');
      await detect(files, flags);
    })
    .addCommand(serveCommand())
    .addCommand(coverageCommand());
}

function serveCommand(): Command {
  const command = new Command('serve')
    .description(
      `Serve the audit webhook backend over HTTPS (TLS 1.2+): kube-apiserver, given --audit-webhook-config-file,\n` +
        `POSTs EventLists to ${AUDIT_WEBHOOK_DEFAULTS.path}; each event is matched and alerts printed as detect does.\n` +
        'A full queue is answered 429 (the API server retries). The certificate files are reloaded when they\n' +
        'change. --print-config writes the kubeconfig-format file for --audit-webhook-config-file and exits.',
    )
    .requiredOption('--tls-cert <path>', 'serving certificate chain (PEM)')
    .requiredOption('--tls-key <path>', 'private key of the certificate (PEM)')
    .option('--port <port>', 'port to listen on', String(AUDIT_WEBHOOK_DEFAULTS.port))
    .option('--host <address>', 'address to listen on', '0.0.0.0')
    .option('--client-ca <path>', "require a client certificate signed by this CA (PEM): the API server's")
    .option(
      '--max-body-bytes <n>',
      'largest EventList body accepted',
      String(AUDIT_WEBHOOK_DEFAULTS.maxBodyBytes),
    )
    .option(
      '--max-in-flight <n>',
      'bodies read at once; more are answered 429',
      String(AUDIT_WEBHOOK_DEFAULTS.maxInFlight),
    )
    .option(
      '--max-queue-events <n>',
      'events waiting to be matched; beyond, 429',
      String(AUDIT_WEBHOOK_DEFAULTS.maxQueueEvents),
    )
    .option(
      '--max-queue-bytes <n>',
      'bytes of the bodies waiting to be matched; beyond, 429',
      String(AUDIT_WEBHOOK_DEFAULTS.maxQueueBytes),
    )
    .option('--print-config', 'print the audit webhook config file (kubeconfig format) and exit', false)
    .option(
      '--server-url <url>',
      `the URL the API server calls, for --print-config (default https://HOST:PORT${AUDIT_WEBHOOK_DEFAULTS.path})`,
    )
    .option(
      '--ca-file <path>',
      'CA certificate (PEM) that signed --tls-cert, for --print-config (default: --tls-cert itself)',
    )
    .option(
      '--apiserver-client-cert <path>',
      "for --print-config: the API server's client certificate file, on its host",
    )
    .option(
      '--apiserver-client-key <path>',
      "for --print-config: the API server's client key file, on its host",
    )
    .addOption(
      new Option('--log-level <level>', 'least level logged (JSON lines on stderr)')
        .choices(['debug', 'info', 'warn', 'error'])
        .default('info'),
    )
    .addOption(maxFileSizeOption());
  rulesOptions(command);
  alertOptions(command);
  return command.action(async (flags: DetectServeFlags) => {
    const { detectServe } = await import('../detect-serve.ts');
    await detectServe(flags);
  });
}

function coverageCommand(): Command {
  const command = new Command('coverage')
    .description(
      'Report which loaded rules can never fire under an audit Policy: a rule reading request objects\n' +
        'needs level Request or RequestResponse for its resources, any rule needs its events logged at all.',
    )
    .requiredOption('--audit-policy <file>', 'the audit Policy (audit.k8s.io/v1) the API server runs with')
    .addOption(
      new Option('-o, --output <format>', 'output format').choices(['table', 'json']).default('table'),
    )
    .addOption(maxFileSizeOption());
  rulesOptions(command);
  return command.action(async (flags: CoverageFlags) => {
    const { detectCoverage } = await import('../detect-coverage.ts');
    await detectCoverage(flags);
  });
}
