import { compileRules } from '../detect/index.ts';
import type { Ruleset } from '../detect/index.ts';
import { readRegularFile } from '../load/regular-file.ts';
import { fileError } from '../load/read.ts';
import { ConfigError, UsageError } from '../model/errors.ts';
import { escapeControls } from '../model/terminal-text.ts';

/** The rule flags every detect command shares. */
export interface RulesFlags {
  readonly rules: readonly string[];
  readonly disableTags: readonly string[];
  readonly ruleMatching: 'first' | 'all';
  readonly maxFileSize: number;
}

/** Where Falco's own k8s_audit rules are published; kubeward does not ship them. */
export const FALCO_RULES_HINT =
  "give --rules FILE, Falco's Kubernetes audit rules (k8s_audit_rules.yaml from " +
  'https://github.com/falcosecurity/plugins/tree/main/plugins/k8saudit/rules; kubeward does not bundle ' +
  'them) or rules of your own in the same language';

/**
 * Reads the `--rules` files in order and compiles them; what loading noted (rules of another source
 * skipped) goes to stderr as notes. No --rules is a usage error saying where Falco's rules are; a file
 * that cannot be read, or a rule that does not compile, is a ConfigError naming it.
 */
export async function loadRuleset(flags: RulesFlags, stderr: NodeJS.WritableStream): Promise<Ruleset> {
  if (flags.rules.length === 0) throw new UsageError(`no rules to match: ${FALCO_RULES_HINT}`);
  const files = [];
  for (const path of flags.rules) {
    try {
      files.push({ path, text: (await readRegularFile(path, flags.maxFileSize)).toString('utf8') });
    } catch (error) {
      throw new ConfigError(
        `${path}: cannot read rules: ${fileError(path, error).message.replace(/^cannot read: /, '')}`,
        {
          cause: error,
        },
      );
    }
  }
  const ruleset = compileRules(files, { disabledTags: flags.disableTags, ruleMatching: flags.ruleMatching });
  for (const note of ruleset.notes) stderr.write(`note: ${escapeControls(note)}\n`);
  return ruleset;
}
