import { InvalidArgumentError, Option } from 'commander';
import type { Command } from 'commander';

/** The flags of a command that can read a live cluster, as commander parses them. */
export interface ClusterFlags {
  readonly kubeconfig?: string;
  readonly context?: string;
  readonly allNamespaces?: boolean;
  /** False with `--no-secrets`. */
  readonly secrets?: boolean;
  readonly requestTimeout?: number;
  readonly insecureSkipTlsVerify?: boolean;
  readonly chunkSize?: number;
}

function parseTimeout(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text);
  if (!match) throw new InvalidArgumentError('give a duration: 30s, 2m, 500ms (a bare number is seconds)');
  const unit = match[2] === 'ms' ? 1 : match[2] === 'm' ? 60_000 : 1000;
  const milliseconds = Number(match[1]) * unit;
  if (milliseconds <= 0) throw new InvalidArgumentError('the timeout must be more than 0');
  return milliseconds;
}

function parseChunkSize(text: string): number {
  const size = Number(text);
  if (!/^\d+$/.test(text) || size < 1)
    throw new InvalidArgumentError('give a whole number of objects, 1 or more');
  return size;
}

/**
 * The options that read a live cluster instead of files, kubectl's spelling: `--kubeconfig`,
 * `--context`, `-A`, `--request-timeout`, `--chunk-size`, `--insecure-skip-tls-verify`, and
 * `--no-secrets`. The command's own `-n` names the namespace. Without `allNamespaces`, no `-A`:
 * for commands that have their own, and read every namespace anyway.
 */
export function addClusterOptions(command: Command, { allNamespaces = true } = {}): Command {
  const options = [
    new Option(
      '--kubeconfig <file>',
      'read the live cluster of this kubeconfig (default: $KUBECONFIG, ~/.kube/config)',
    ),
    new Option('--context <name>', 'read the live cluster of this kubeconfig context'),
    ...(allNamespaces
      ? [
          new Option(
            '-A, --all-namespaces',
            "read every namespace of the live cluster (default: the context's namespace)",
          ),
        ]
      : []),
    new Option(
      '--no-secrets',
      'do not list Secrets of the live cluster (their values are never read either way)',
    ),
    new Option(
      '--request-timeout <duration>',
      'longest wait for one request to the API server (default 30s)',
    ).argParser(parseTimeout),
    new Option('--chunk-size <n>', 'objects asked for per page of a list (default 500)').argParser(
      parseChunkSize,
    ),
    new Option('--insecure-skip-tls-verify', "do not verify the API server's certificate (insecure)"),
  ];
  for (const option of options) command.addOption(option);
  return command;
}

/** True when the flags ask to read a live cluster: `--kubeconfig`, `--context`, or (when `-A` is a cluster option) `-A`. */
export function readsCluster(flags: ClusterFlags, { allNamespaces = true } = {}): boolean {
  return (
    flags.kubeconfig !== undefined ||
    flags.context !== undefined ||
    (allNamespaces && flags.allNamespaces === true)
  );
}
