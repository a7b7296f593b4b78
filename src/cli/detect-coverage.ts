import { ruleCoverage } from '../detect/index.ts';
import { parseSource } from '../load/parse.ts';
import { readRegularFile } from '../load/regular-file.ts';
import { fileError } from '../load/read.ts';
import { formatDiagnostic } from '../model/diagnostic.ts';
import { InputError } from '../model/errors.ts';
import { terminalWidth } from '../render/columns.ts';
import { renderCoverageJson, renderCoverageTable } from '../render/detect/coverage.ts';
import { loadRuleset } from './detect-rules.ts';
import type { RulesFlags } from './detect-rules.ts';

/** The flags of `kubeward detect coverage`, as commander parses them. */
export interface CoverageFlags extends RulesFlags {
  readonly auditPolicy: string;
  readonly output: 'table' | 'json';
}

/**
 * `kubeward detect coverage`: which loaded rules can never fire under an audit Policy. A policy file
 * that cannot be read or parsed is an input error (exit 2) at file:line:col.
 */
export async function detectCoverage(flags: CoverageFlags): Promise<void> {
  const ruleset = await loadRuleset(flags, process.stderr);
  const file = flags.auditPolicy;
  let text: string;
  try {
    text = (await readRegularFile(file, flags.maxFileSize)).toString('utf8');
  } catch (error) {
    throw new InputError(`${file}: ${fileError(file, error).message}`, { cause: error });
  }
  const parsed = parseSource({ file, text, format: /^\s*\{/.test(text) ? 'json' : 'yaml' });
  const problem = parsed.diagnostics.find((diagnostic) => diagnostic.level === 'error');
  if (problem !== undefined) throw new InputError(formatDiagnostic(problem));
  const policy = parsed.documents.find((document) => document.value !== null)?.value;
  const kind = (policy as { kind?: unknown } | undefined)?.kind;
  if (kind !== 'Policy')
    throw new InputError(
      `${file}: not an audit Policy (kind ${typeof kind === 'string' ? JSON.stringify(kind) : 'missing'})`,
    );
  const coverage = ruleCoverage(ruleset, policy);
  process.stdout.write(
    flags.output === 'json'
      ? renderCoverageJson(coverage, file)
      : renderCoverageTable(coverage, file, terminalWidth(process.stdout)),
  );
}
