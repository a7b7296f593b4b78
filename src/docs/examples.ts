import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHECK_FIXTURES, expectedMessage, fixturesOf } from '../testing/fixtures.ts';

/** The example manifests of a check's docs page: its first failing and first passing fixture. */
export interface CheckExamples {
  readonly fail: { readonly manifest: string; readonly messages: readonly string[] } | undefined;
  readonly pass: { readonly manifest: string } | undefined;
  /** The `.kubeward.yaml` the fixtures run with (testdata/checks/<id>/kubeward.yaml), when there is one. */
  readonly config?: string;
}

/**
 * Reads the first (by file name) fail and pass fixture of a check from testdata/checks/<id>/.
 * Missing fixtures give undefined: the page is still written, without that example.
 */
export function readExamples(checkId: string): CheckExamples {
  const { pass, fail } = fixturesOf(checkId);
  const firstFail = fail[0];
  const firstPass = pass[0];
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
