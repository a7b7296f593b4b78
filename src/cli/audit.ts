import { writeFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { CONTROLPLANE_CHECKS } from '../checks/controlplane/index.ts';
import { loadConfig } from '../config/load-config.ts';
import type { ProbeResult } from '../controlplane/verdicts/result.ts';
import { probeApiserver } from '../probe/apiserver.ts';
import { probeEtcd } from '../probe/etcd.ts';
import { probeKubelet, probeKubeletReadOnly } from '../probe/kubelet.ts';
import { isLoopbackHost } from '../probe/loopback.ts';
import { renderKubeBenchJson } from '../render/kube-bench.ts';
import { UsageError } from '../model/errors.ts';
import { SEVERITIES } from '../model/severity.ts';
import type { Severity } from '../model/severity.ts';
import { OUTPUT_FORMATS, RENDERERS } from '../render/index.ts';
import { renderProbeTable } from '../render/audit/probes.ts';
import { terminalWidth } from '../render/columns.ts';
import { renderDiagnostics } from '../render/table.ts';
import { loadInputs } from '../scan/inputs.ts';
import { loadProcesses } from '../scan/processes.ts';
import { scanExitCode, scanLoaded } from '../scan/scan.ts';
import { useColor } from './color.ts';
import { CHECKS } from '../checks/registry.ts';

interface NodeFlags {
  readonly filename: readonly string[];
  readonly processes: boolean;
  readonly procRoot: string;
  readonly output: (typeof OUTPUT_FORMATS)[number] | 'kube-bench';
  readonly outputFile?: string;
  readonly failOn?: Severity | 'none';
  readonly config?: string;
  readonly color: boolean;
}

interface ProbeFlags {
  readonly apiserver?: string;
  readonly kubelet?: string;
  readonly kubeletPort: string;
  readonly readOnlyPort: string;
  readonly etcd?: string;
  readonly timeout: string;
  readonly output: 'table' | 'json';
}

const collect = (value: string, previous: readonly string[]): string[] => [...previous, value];

/** `kubeward audit`: a control-plane node's files and processes, and read-only live probes. */
export function auditCommand(): Command {
  return new Command('audit')
    .summary('audit a control-plane node (files, processes) or probe its endpoints')
    .description(
      'Audit the hardening of a control-plane or worker node: TLS, authentication, authorization, audit logging, etcd and keys.',
    )
    .addCommand(nodeCommand())
    .addCommand(probeCommand());
}

function nodeCommand(): Command {
  return new Command('node')
    .summary('audit a node directory (/etc/kubernetes, /var/lib/kubelet) or the running components')
    .description(
      'Reads static pod manifests, kubeadm, kubelet, encryption, audit and authentication configs (.yaml/.yml/.json),\n' +
        'kubeconfigs (*.conf) and PEM certificates and keys (*.crt, *.pem, *.key), and runs the control-plane checks.\n' +
        'With --processes, also reads the flags of running kube-apiserver, etcd, kube-controller-manager,\n' +
        'kube-scheduler and kubelet (its --config file) from /proc.',
    )
    .argument('[paths...]', 'node directories or files (same as -f)')
    .option('-f, --filename <path>', 'node directory or file (repeatable)', collect, [])
    .option('--processes', "read running components' flags from /proc", false)
    .option('--proc-root <dir>', "where the host's /proc is mounted", '/proc')
    .addOption(
      new Option('-o, --output <format>', 'output format')
        .choices([...OUTPUT_FORMATS, 'kube-bench'])
        .default('table'),
    )
    .option('--output-file <path>', 'write the report to a file instead of stdout')
    .addOption(
      new Option(
        '--fail-on <severity>',
        'exit 1 when a finding is at or above this severity (none: never)',
      ).choices([...SEVERITIES, 'none']),
    )
    .option('--config <path>', 'config file (default: .kubeward.yaml in the working directory, if present)')
    .option('--no-color', 'never colour the table')
    .action(async (paths: string[], flags: NodeFlags) => {
      const inputs = [...paths, ...flags.filename];
      if (inputs.length === 0 && !flags.processes)
        throw new UsageError(
          'nothing to audit: give node directories, or --processes (see kubeward audit node --help)',
        );
      const loaded =
        inputs.length > 0
          ? await loadInputs(inputs, { recursive: true, filePermissions: true })
          : { resources: [], diagnostics: [], files: 0 };
      const config = loadConfig(flags.config, CHECKS);
      const fromProcesses = flags.processes
        ? loadProcesses(flags.procRoot)
        : { resources: [], diagnostics: [], files: 0 };
      const { report } = scanLoaded(
        {
          ...loaded,
          resources: [...loaded.resources, ...fromProcesses.resources],
          diagnostics: [...loaded.diagnostics, ...fromProcesses.diagnostics],
          files: loaded.files + fromProcesses.files,
        },
        { checks: CONTROLPLANE_CHECKS, run: { ...config.run, honourAnnotations: false }, now: new Date() },
      );
      process.stderr.write(renderDiagnostics(report));
      const text =
        flags.output === 'kube-bench'
          ? renderKubeBenchJson(report)
          : RENDERERS[flags.output](report, {
              color: useColor(flags.color, flags.outputFile === undefined ? process.stdout : undefined),
              showSuppressed: false,
              baseDirectory: process.cwd(),
              width: terminalWidth(flags.outputFile === undefined ? process.stdout : undefined),
            });
      if (flags.outputFile === undefined) process.stdout.write(text);
      else writeFileSync(flags.outputFile, text);
      process.exitCode = scanExitCode(report, flags.failOn ?? config.failOn ?? 'high');
    });
}

function probeCommand(): Command {
  return new Command('probe')
    .summary('read-only probes of the API server, kubelet and etcd on this node')
    .description(
      'Sends unauthenticated, read-only GET requests (never writes) to loopback endpoints and gives a verdict per probe:\n' +
        '  apiserver-anonymous     which API paths answer without credentials (401 pass, 403 warn, 200 fail)\n' +
        '  kubelet-anonymous       https://HOST:10250/pods without credentials\n' +
        '  kubelet-read-only-port  http://HOST:10255/pods\n' +
        '  etcd-client-cert        etcd /version without a client certificate\n' +
        'Only loopback targets are accepted: run it on the node.',
    )
    .option('--apiserver <url>', 'API server URL, e.g. https://127.0.0.1:6443')
    .option('--kubelet <host>', 'kubelet host, e.g. 127.0.0.1')
    .option('--kubelet-port <port>', 'kubelet API port', '10250')
    .option('--read-only-port <port>', 'kubelet read-only port', '10255')
    .option('--etcd <url>', 'etcd client URL, e.g. https://127.0.0.1:2379')
    .option('--timeout <ms>', 'per-request timeout in milliseconds', '3000')
    .addOption(
      new Option('-o, --output <format>', 'output format').choices(['table', 'json']).default('table'),
    )
    .action(async (flags: ProbeFlags) => {
      const timeout = positiveInteger(flags.timeout, '--timeout');
      if (flags.apiserver === undefined && flags.kubelet === undefined && flags.etcd === undefined)
        throw new UsageError('nothing to probe: give --apiserver, --kubelet and/or --etcd');
      const results: ProbeResult[] = [];
      if (flags.apiserver !== undefined)
        results.push(await probeApiserver(loopbackUrl(flags.apiserver, '--apiserver'), timeout));
      if (flags.kubelet !== undefined) {
        if (!isLoopbackHost(flags.kubelet))
          throw new UsageError(
            `--kubelet ${flags.kubelet} is not a loopback address; run the probe on the node`,
          );
        results.push(
          await probeKubelet(flags.kubelet, positiveInteger(flags.kubeletPort, '--kubelet-port'), timeout),
        );
        results.push(
          await probeKubeletReadOnly(
            flags.kubelet,
            positiveInteger(flags.readOnlyPort, '--read-only-port'),
            timeout,
          ),
        );
      }
      if (flags.etcd !== undefined) results.push(await probeEtcd(loopbackUrl(flags.etcd, '--etcd'), timeout));
      process.stdout.write(
        flags.output === 'json'
          ? `${JSON.stringify({ probes: results }, null, 2)}\n`
          : renderProbeTable(results, terminalWidth(process.stdout)),
      );
      process.exitCode = results.some((result) => result.verdict === 'fail')
        ? 1
        : results.some((result) => result.verdict === 'error')
          ? 2
          : 0;
    });
}

function loopbackUrl(text: string, flag: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`${flag} ${text} is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new UsageError(`${flag} ${text} must be an http or https URL`);
  if (!isLoopbackHost(url.hostname))
    throw new UsageError(`${flag} ${text} is not a loopback address; run the probe on the node`);
  return url;
}

function positiveInteger(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0 || value > 65535 * 1000)
    throw new UsageError(`${flag} must be a positive integer, got ${text}`);
  return value;
}
