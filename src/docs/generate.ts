import type { Check } from '../model/check.ts';
import { renderCheckIndex } from './check-index.ts';
import { renderCheckPage } from './check-page.ts';
import { readExamples } from './examples.ts';

/** The directory of the generated check pages, relative to the repository root. */
export const CHECK_DOCS_DIR = 'docs/checks';

/**
 * Every file of docs/checks: `<id>.md` per check and `README.md`, keyed by file name. Reads the
 * checks' fixtures for the examples; writes nothing.
 */
export function generateCheckDocs(checks: readonly Check[]): ReadonlyMap<string, string> {
  const files = new Map<string, string>();
  for (const check of checks) files.set(`${check.id}.md`, renderCheckPage(check, readExamples(check.id)));
  files.set('README.md', renderCheckIndex(checks));
  return files;
}
