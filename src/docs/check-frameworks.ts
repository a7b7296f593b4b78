import type { CheckMeta } from '../model/check.ts';
import { FRAMEWORK_IDS } from '../model/frameworks/framework.ts';
import { FRAMEWORK_CATALOGUES } from '../model/frameworks/index.ts';

/**
 * The "Frameworks" lines of a check's docs page: one line per framework the check maps to, naming
 * each control by title and id. Empty when the check maps to none.
 */
export function frameworkLines(check: CheckMeta): string[] {
  return FRAMEWORK_IDS.flatMap((framework) => {
    const ids = check[framework] ?? [];
    if (ids.length === 0) return [];
    const catalogue = FRAMEWORK_CATALOGUES[framework];
    const named = ids.map((id) => {
      const title = catalogue.controls.find((control) => control.id === id)?.title ?? id;
      return title === id ? `\`${id}\`` : `${title} (\`${id}\`)`;
    });
    return [`- ${catalogue.title}: ${named.join('; ')}`];
  });
}
