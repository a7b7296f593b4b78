import type { Check } from '../model/check.ts';
import { CHECKS } from '../checks/registry.ts';
import { renderCheckPage } from '../docs/check-page.ts';
import { renderCheckText } from '../docs/check-text.ts';
import { UsageError } from '../model/errors.ts';
import { didYouMean } from '../model/near-names.ts';
import { terminalWidth } from '../render/columns.ts';
import { renderCheckTable } from '../render/checks/table.ts';
import { isSeverity, SEVERITIES, atLeast } from '../model/severity.ts';
import { isTheme, THEMES } from '../model/theme.ts';
import type { EXPLAIN_FORMATS, LIST_FORMATS } from './commands/checks.ts';

/** The flags of `kubeward checks list`, as commander parses them. */
export interface ListFlags {
  readonly theme?: string;
  readonly severity?: string;
  readonly output: (typeof LIST_FORMATS)[number];
}

/** The flags of `kubeward checks explain`, as commander parses them. */
export interface ExplainFlags {
  readonly output: (typeof EXPLAIN_FORMATS)[number];
}

/** The metadata of a check as JSON (no function). */
function checkJson(check: Check): Record<string, unknown> {
  return {
    id: check.id,
    title: check.title,
    severity: check.severity,
    theme: check.theme,
    target: check.target,
    ...(check.target === 'resource' ? { kinds: check.kinds } : {}),
    description: check.description,
    remediation: check.remediation,
    references: check.references,
  };
}

/**
 * The checks matching `--theme` (exact) and `--severity` (that severity or worse), in registry
 * order. Unknown names are usage errors listing the valid ones.
 */
export function selectChecks(
  checks: readonly Check[],
  flags: Pick<ListFlags, 'theme' | 'severity'>,
): Check[] {
  const { theme, severity } = flags;
  if (theme !== undefined && !isTheme(theme)) {
    throw new UsageError(`unknown theme "${theme}" (known: ${THEMES.map((entry) => entry.id).join(', ')})`);
  }
  if (severity !== undefined && !isSeverity(severity)) {
    throw new UsageError(`unknown severity "${severity}" (known: ${SEVERITIES.join(', ')})`);
  }
  return checks.filter(
    (check) =>
      (theme === undefined || check.theme === theme) &&
      (severity === undefined || atLeast(check.severity, severity)),
  );
}

/** The registered check with this id; an unknown id is a usage error that suggests near ids. */
export function findCheck(checks: readonly Check[], id: string): Check {
  const found = checks.find((check) => check.id === id);
  if (found !== undefined) return found;
  throw new UsageError(
    `unknown check "${id}"${didYouMean(
      checks.map((check) => check.id),
      id,
    )}; run kubeward checks list`,
  );
}

/** `kubeward checks list`: the catalogue, from the registry, filtered by theme and severity. */
export function listChecks(flags: ListFlags): void {
  const checks = selectChecks(CHECKS, flags);
  if (flags.output === 'json') process.stdout.write(`${JSON.stringify(checks.map(checkJson), null, 2)}\n`);
  else if (flags.output === 'name') process.stdout.write(checks.map((check) => `${check.id}\n`).join(''));
  else process.stdout.write(renderCheckTable(checks, terminalWidth(process.stdout)));
  process.exitCode = 0;
}

/** `kubeward checks explain <id>`: what a check checks, why, how to fix it. */
export function explainCheck(id: string, flags: ExplainFlags): void {
  const check = findCheck(CHECKS, id);
  if (flags.output === 'json') process.stdout.write(`${JSON.stringify(checkJson(check), null, 2)}\n`);
  else if (flags.output === 'markdown')
    process.stdout.write(renderCheckPage(check, { fail: undefined, pass: undefined }));
  else process.stdout.write(renderCheckText(check));
  process.exitCode = 0;
}
