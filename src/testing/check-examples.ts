import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckExamples } from '../docs/check-page.ts';
import { CHECK_FIXTURES, expectedMessage, fixturesOf } from './fixtures.ts';

/**
 * Reads the first (by file name) fail and pass manifest fixture of a check from testdata/checks/<id>/.
 * Missing fixtures, and node-file cases (directories of PEM files), give undefined: the page is still
 * written, without that example. The docs generator (`npm run docs`) passes it to generateCheckDocs.
 */
export function readExamples(checkId: string): CheckExamples {
  const { pass, fail } = fixturesOf(checkId);
  const firstFail = fail.find((fixture) => !fixture.directory);
  const firstPass = pass.find((fixture) => !fixture.directory);
  const configFile = join(CHECK_FIXTURES, checkId, 'kubeward.yaml');
  return {
    ...(existsSync(configFile) ? { config: readFileSync(configFile, 'utf8') } : {}),
    fail:
      firstFail === undefined
        ? undefined
        : {
            manifest: readFileSync(firstFail.file, 'utf8'),
            messages: (firstFail.expected ?? []).map(expectedMessage),
          },
    pass: firstPass === undefined ? undefined : { manifest: readFileSync(firstPass.file, 'utf8') },
  };
}
