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
 * `--kubeconfig FILE` and `--context NAME`, as kubectl spells them: which cluster a command reads
 * (or, for `audit probe`, probes).
 */
export function kubeconfigOptions(what = 'read the live cluster'): Option[] {
  return [
    new Option(
      '--kubeconfig <file>',
      `${what} of this kubeconfig's context (default: $KUBECONFIG, else ~/.kube/config)`,
    ),
    new Option('--context <name>', `${what} of this kubeconfig context (default: the current one)`),
  ];
}

/** `--request-timeout DURATION`, kubectl's spelling: the longest wait for one request. */
export function requestTimeoutOption(defaultText = '30s'): Option {
  return new Option(
    '--request-timeout <duration>',
    `longest wait for one request: 500ms, 30s, 2m; a bare number is seconds (default ${defaultText})`,
  ).argParser(parseTimeout);
}

/** Options for {@link addClusterOptions}. */
export interface ClusterOptionSet {
  /** Offer `--no-secrets`: for commands whose checks may read Secrets (scan, snapshot). */
  readonly secrets?: boolean;
}

/**
 * The options that read a live cluster instead of files, kubectl's spelling: `--kubeconfig`,
 * `--context`, `--request-timeout`, `--chunk-size`, `--insecure-skip-tls-verify`, and, where asked,
 * `--no-secrets`. `-n` and `-A` are the command's own (see namespace-options.ts): what they mean
 * depends on what the command answers.
 */
export function addClusterOptions(command: Command, { secrets = false }: ClusterOptionSet = {}): Command {
  const options = [
    ...kubeconfigOptions(),
    ...(secrets
      ? [
          new Option(
            '--no-secrets',
            'do not list Secrets of the live cluster (their values are never read either way)',
          ),
        ]
      : []),
    requestTimeoutOption(),
    new Option(
      '--chunk-size <n>',
      'objects asked for per page when listing the live cluster (default 500)',
    ).argParser(parseChunkSize),
    new Option(
      '--insecure-skip-tls-verify',
      "do not verify the live cluster's certificate (insecure; a warning is printed)",
    ),
  ];
  for (const option of options) command.addOption(option);
  return command;
}

/**
 * True when the flags ask to read a live cluster: `--kubeconfig` or `--context`, or `-A` where it
 * has no other meaning (`scan`, `score`, `snapshot`: `allNamespaces`), as `kubeward scan -A`.
 */
export function readsCluster(flags: ClusterFlags, { allNamespaces = true } = {}): boolean {
  return (
    flags.kubeconfig !== undefined ||
    flags.context !== undefined ||
    (allNamespaces && flags.allNamespaces === true)
  );
}
