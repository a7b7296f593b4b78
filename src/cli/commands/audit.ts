import { Command, Option } from 'commander';
import { OUTPUT_FORMATS } from '../../render/formats.ts';
import type { NodeFlags, ProbeFlags } from '../audit.ts';
import { kubeconfigOptions, requestTimeoutOption } from './cluster-options.ts';
import { collect } from './collect.ts';
import { configOption, failOnOption } from './findings-options.ts';
import { maxFileSizeOption } from './max-file-size.ts';

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
    .addOption(maxFileSizeOption())
    .addOption(
      new Option('-o, --output <format>', 'output format')
        .choices([...OUTPUT_FORMATS, 'kube-bench'])
        .default('table'),
    )
    .option('--output-file <path>', 'write the report to a file instead of stdout')
    .addOption(failOnOption())
    .addOption(configOption())
    .option('--no-color', 'never colour the table')
    .action(async (paths: string[], flags: NodeFlags) => {
      const { auditNode } = await import('../audit.ts');
      await auditNode(paths, flags);
    });
}

function probeCommand(): Command {
  const command = new Command('probe')
    .summary('read-only probes of the API server, kubelet and etcd on this node')
    .description(
      'Sends unauthenticated, read-only GET requests (never writes) to loopback endpoints and gives a verdict per probe:\n' +
        '  apiserver-anonymous     which API paths answer without credentials (401 pass, 403 warn, 200 fail)\n' +
        '  kubelet-anonymous       https://HOST:10250/pods without credentials\n' +
        '  kubelet-read-only-port  http://HOST:10255/pods\n' +
        '  etcd-client-cert        etcd /version without a client certificate\n' +
        'Only loopback targets are accepted: run it on the node, or name a cluster of your kubeconfig\n' +
        "(--kubeconfig, --context) to probe its API server from here: only the server's URL is taken from\n" +
        'the kubeconfig, no credentials are sent and no object is listed (so no -n, -A or --chunk-size);\n' +
        'certificates are not verified, as the probe only asks what answers without credentials.',
    )
    .option('--apiserver <url>', 'API server URL, e.g. https://127.0.0.1:6443');
  for (const option of kubeconfigOptions('probe the API server')) command.addOption(option);
  command
    .option('--kubelet <host>', 'kubelet host, e.g. 127.0.0.1')
    .option('--kubelet-port <port>', 'kubelet API port', '10250')
    .option('--read-only-port <port>', 'kubelet read-only port', '10255')
    .option('--etcd <url>', 'etcd client URL, e.g. https://127.0.0.1:2379')
    .addOption(requestTimeoutOption('3s'))
    .addOption(new Option('--timeout <ms>', 'per-request timeout in milliseconds').hideHelp())
    .addOption(
      new Option('-o, --output <format>', 'output format').choices(['table', 'json']).default('table'),
    );
  return command.action(async (flags: ProbeFlags) => {
    const { auditProbe } = await import('../audit.ts');
    await auditProbe(flags);
  });
}
