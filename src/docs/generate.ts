import type { Check } from '../model/check.ts';
import { renderCheckIndex } from './check-index.ts';
import { renderCheckPage } from './check-page.ts';
import type { CheckExamples } from './check-page.ts';
import { renderFrameworksPage } from './frameworks-page.ts';

/** The directory of the generated check pages, relative to the repository root. */
export const CHECK_DOCS_DIR = 'docs/checks';

/**
 * Every file of docs/checks: `<id>.md` per check, `README.md` and `frameworks.md`, keyed by file name, with each
 * check's examples from `examplesOf` (its fixtures, when the repository generates its docs). Pure.
 */
export function generateCheckDocs(
  checks: readonly Check[],
  examplesOf: (checkId: string) => CheckExamples,
): ReadonlyMap<string, string> {
  const files = new Map<string, string>();
  for (const check of checks) files.set(`${check.id}.md`, renderCheckPage(check, examplesOf(check.id)));
  files.set('README.md', renderCheckIndex(checks));
  files.set('frameworks.md', renderFrameworksPage(checks));
  return files;
}
