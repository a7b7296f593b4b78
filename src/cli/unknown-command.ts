import type { Command } from 'commander';

const HELP_FLAGS: ReadonlySet<string> = new Set(['-h', '--help']);

/**
 * The arguments, without -h and --help when they name a sub-command that does not exist: commander
 * would print the parent's help and exit 0; without them it reports the unknown command as a usage
 * error that suggests the nearest name. Commands with sub-commands take no option values, so the
 * first argument that is not an option names the sub-command; a command that also takes operands of
 * its own (`detect FILE…`) reads that argument as one.
 */
export function reportUnknownCommands(program: Command, args: readonly string[]): readonly string[] {
  let command = program;
  for (const arg of args) {
    if (arg.startsWith('-')) continue;
    if (command.commands.length === 0 || command.registeredArguments.length > 0 || arg === 'help')
      return args;
    const sub = command.commands.find(
      (candidate) => candidate.name() === arg || candidate.aliases().includes(arg),
    );
    if (sub === undefined) return args.filter((candidate) => !HELP_FLAGS.has(candidate));
    command = sub;
  }
  return args;
}
