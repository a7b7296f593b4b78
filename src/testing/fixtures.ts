import {
  chmodSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Check } from '../model/check.ts';
import { parseConfig } from '../config/parse-config.ts';
import type { Finding } from '../model/finding.ts';
import { locationOf } from '../report/location.ts';
import { loadInputs } from '../scan/inputs.ts';
import { scanLoaded } from '../scan/scan.ts';
import { TEST_NOW } from './clock.ts';

/**
 * Root of the per-check fixtures: testdata/checks/<id>/{pass,fail}/<case>, where a case is a manifest
 * (`.yaml`, `.yml`, `.json`) or a directory of node files (manifests, kubeconfigs, PEM certificates and
 * keys) read as `audit node` reads a node.
 */
export const CHECK_FIXTURES = join(import.meta.dirname, '..', '..', 'testdata', 'checks');

/**
 * The sidecar of a directory case giving file modes, since git keeps only the executable bit: one
 * `<octal mode> <path relative to the case>` per line. Files it does not name get 644.
 */
const FILE_MODES = 'file-modes.txt';

/**
 * One fixture (a file or a directory) and, for a failing case, the findings it must produce: one line
 * each, in report order, as {@link expectedLine} writes them (`LINE:COL message`).
 */
export interface Fixture {
  readonly file: string;
  /** A directory of node files rather than one manifest. */
  readonly directory: boolean;
  readonly expected: readonly string[] | undefined;
}

const MANIFEST = /\.(ya?ml|json)$/;

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
      .filter((name) => MANIFEST.test(name) || statSync(join(directory, name)).isDirectory())
      .sort()
      .map((name) => {
        const file = join(directory, name);
        const expectedFile = `${file.replace(MANIFEST, '')}.expected.txt`;
        const expected = existsSync(expectedFile)
          ? readFileSync(expectedFile, 'utf8')
              .split('\n')
              .filter((line) => line !== '')
          : undefined;
        return { file, directory: !MANIFEST.test(name), expected };
      });
  };
  return { pass: list('pass'), fail: list('fail') };
}

/**
 * Runs one check over one fixture at {@link TEST_NOW}, with the settings of
 * `testdata/checks/<id>/kubeward.yaml` when that file exists. A directory case is copied to a
 * temporary directory with the modes of its {@link FILE_MODES}, and read with its file modes.
 * Returns the check's findings (input errors make the fixture itself invalid).
 */
export async function runFixture(
  check: Check,
  file: string,
): Promise<{ findings: Finding[]; errors: string[] }> {
  const configFile = join(CHECK_FIXTURES, check.id, 'kubeward.yaml');
  const config = existsSync(configFile)
    ? parseConfig(configFile, readFileSync(configFile, 'utf8'), [check])
    : parseConfig('<defaults>', '', [check]);
  const node = statSync(file).isDirectory() ? copyWithModes(file) : undefined;
  try {
    const loaded = await loadInputs([node ?? file], { recursive: true, filePermissions: node !== undefined });
    const { report } = scanLoaded(loaded, { checks: [check], run: config.run, now: TEST_NOW });
    return {
      findings: report.findings.filter((finding) => finding.checkId === check.id),
      errors: report.diagnostics
        .filter((d) => d.level === 'error' || d.level === 'warning')
        .map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`),
    };
  } finally {
    if (node !== undefined) rmSync(node, { recursive: true, force: true });
  }
}

/** Copies a directory case to a temporary directory: every file 644, then the modes its sidecar gives. */
function copyWithModes(directory: string): string {
  const copy = mkdtempSync(join(tmpdir(), 'kubeward-fixture-'));
  cpSync(directory, copy, { recursive: true });
  const chmodAll = (path: string): void => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const child = join(path, entry.name);
      if (entry.isDirectory()) chmodAll(child);
      else chmodSync(child, 0o644);
    }
  };
  chmodAll(copy);
  const sidecar = join(directory, FILE_MODES);
  if (!existsSync(sidecar)) return copy;
  for (const line of readFileSync(sidecar, 'utf8').split('\n')) {
    const [mode, path] = line.trim().split(/\s+/);
    if (mode && path) chmodSync(join(copy, path), Number.parseInt(mode, 8));
  }
  return copy;
}
