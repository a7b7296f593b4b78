import { Command, Option } from 'commander';
import { THEMES } from '../../model/theme.ts';
import type { ExplainFlags, ListFlags } from '../checks.ts';

/** Output formats of `checks list`. */
export const LIST_FORMATS = ['table', 'json', 'name'] as const;
/** Output formats of `checks explain`. */
export const EXPLAIN_FORMATS = ['text', 'markdown', 'json'] as const;

/** `kubeward checks list` and `kubeward checks explain <id>`: the catalogue, from the registry. */
export function checksCommand(): Command {
  const command = new Command('checks')
    .summary('list the checks and explain one')
    .description(
      'List the built-in checks, or explain one: what it checks, why, how to fix it, and the upstream ids it matches.',
    );
  command
    .command('list')
    .description('list the checks (id, severity, theme, title)')
    .option('--theme <theme>', `only this theme (${THEMES.map((entry) => entry.id).join(', ')})`)
    .option('--severity <severity>', 'only checks of this severity or worse')
    .addOption(new Option('-o, --output <format>', 'output format').choices(LIST_FORMATS).default('table'))
    .action(async (flags: ListFlags) => {
      const { listChecks } = await import('../checks.ts');
      listChecks(flags);
    });
  command
    .command('explain')
    .description('explain one check')
    .argument('<id>', 'check id, as printed by kubeward checks list')
    .addOption(new Option('-o, --output <format>', 'output format').choices(EXPLAIN_FORMATS).default('text'))
    .action(async (id: string, flags: ExplainFlags) => {
      const { explainCheck } = await import('../checks.ts');
      explainCheck(id, flags);
    });
  return command;
}
