import { InvalidArgumentError, Option } from 'commander';
import type { Command } from 'commander';
import { parseDuration } from '../../model/duration.ts';
import { collect } from './collect.ts';

/** The flags of a command that asks registries, as commander parses them. */
export interface RegistryFlags {
  readonly platform?: string;
  readonly insecureRegistry: readonly string[];
  readonly registryTimeout: number;
}

function durationFlag(text: string): number {
  const milliseconds = parseDuration(text);
  if (milliseconds === undefined)
    throw new InvalidArgumentError('give a duration more than 0: 30s, 2m, 500ms (a bare number is seconds)');
  return milliseconds;
}

/** `--platform`, `--insecure-registry` and `--registry-timeout`: how registries are asked. */
export function addRegistryOptions(command: Command): Command {
  return command
    .option(
      '--platform <os/arch[/variant]>',
      'the platform whose image an index resolves to (default: this host, e.g. linux/amd64)',
    )
    .option(
      '--insecure-registry <host[:port]>',
      'talk plain HTTP to this registry (repeatable; never assumed)',
      collect,
      [],
    )
    .addOption(
      new Option('--registry-timeout <duration>', 'longest wait for one registry request')
        .argParser(durationFlag)
        .default(30_000, '30s'),
    );
}
