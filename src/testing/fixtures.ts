import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Check } from '../model/check.ts';
import { parseConfig } from '../config/load-config.ts';
import { load } from '../load/load.ts';
import type { Finding } from '../model/finding.ts';
import { locationOf } from '../report/location.ts';
import { scanLoaded } from '../scan/scan.ts';

/** Root of the per-check fixtures: testdata/checks/<id>/{pass,fail}/<case>.yaml. */
export const CHECK_FIXTURES = join(import.meta.dirname, '..', '..', 'testdata', 'checks');

/**
 * One fixture file and, for a failing case, the findings it must produce: one line each, in report
 * order, as {@link expectedLine} writes them (`LINE:COL message`).
 */
export interface Fixture {
  readonly file: string;
  readonly expected: readonly string[] | undefined;
}

/** The `LINE:COL ` an expected line starts with. */
const POSITION = /^\d+:\d+ /;

/**
 * A finding as a fail fixture's `.expected.txt` states it: `LINE:COL message`, where the check's
 * field path points (a missing field: its deepest existing parent; the object as a whole: where the
 * object starts). `0:0` for a finding about no loaded object (an implied namespace, for one).
 */
export function expectedLine(finding: Finding): string {
  const location = locationOf(finding);
  const at = location ? `${String(location.line)}:${String(location.column)}` : '0:0';
  return `${at} ${finding.message}`;
}

/** The message of an expected line, without its position (what a docs page shows). */
export function expectedMessage(line: string): string {
  return line.replace(POSITION, '');
}

/** The fixtures of a check, by kind; missing directories give empty lists. */
export function fixturesOf(checkId: string): { pass: Fixture[]; fail: Fixture[] } {
  const list = (kind: 'pass' | 'fail'): Fixture[] => {
    const directory = join(CHECK_FIXTURES, checkId, kind);
    if (!existsSync(directory)) return [];
    return readdirSync(directory)
      .filter((name) => /\.(ya?ml|json)$/.test(name))
      .sort()
      .map((name) => {
        const file = join(directory, name);
        const expectedFile = file.replace(/\.(ya?ml|json)$/, '.expected.txt');
        const expected = existsSync(expectedFile)
          ? readFileSync(expectedFile, 'utf8')
              .split('\n')
              .filter((line) => line !== '')
          : undefined;
        return { file, expected };
      });
  };
  return { pass: list('pass'), fail: list('fail') };
}

/**
 * Runs one check over one fixture file, with the settings of `testdata/checks/<id>/kubeward.yaml`
 * when that file exists. Returns the check's findings (input errors make the fixture itself invalid).
 */
export async function runFixture(
  check: Check,
  file: string,
): Promise<{ findings: Finding[]; errors: string[] }> {
  const configFile = join(CHECK_FIXTURES, check.id, 'kubeward.yaml');
  const config = existsSync(configFile)
    ? parseConfig(configFile, readFileSync(configFile, 'utf8'), [check])
    : parseConfig('<defaults>', '', [check]);
  const loaded = await load([file], { recursive: false });
  const { report } = scanLoaded(loaded, { checks: [check], run: config.run });
  return {
    findings: report.findings.filter((finding) => finding.checkId === check.id),
    errors: report.diagnostics
      .filter((d) => d.level === 'error')
      .map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`),
  };
}
