import { InputError } from '../model/errors.ts';
import type { Finding } from '../model/finding.ts';
import { fingerprint } from '../model/fingerprint.ts';
import { isRecord } from '../model/path.ts';

/** Findings accepted earlier, by fingerprint: they are listed but marked, and do not fail the run. */
export interface Baseline {
  /** The file it was read from, named in each marked finding's reason. */
  readonly file: string;
  readonly fingerprints: ReadonlySet<string>;
}

const FINGERPRINT = /^[0-9a-f]{32}$/;

/**
 * Reads a baseline: the `{kind: Baseline, fingerprints: [...]}` document `--write-baseline` writes,
 * or a JSON report of `kubeward scan -o json` (each finding carries its `fingerprint`; suppressed
 * ones are left out, as they never counted, unless a baseline held them). Anything else is an InputError naming the file.
 */
export function parseBaseline(file: string, text: string): Baseline {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${file}: baseline is not JSON: ${(error as Error).message}`, { cause: error });
  }
  const fail = (why: string): never => {
    throw new InputError(
      `${file}: not a baseline: ${why} (expected the output of --write-baseline or of kubeward scan -o json)`,
    );
  };
  if (!isRecord(value)) return fail('not a JSON object');
  const listed = Array.isArray(value.fingerprints)
    ? value.fingerprints
    : Array.isArray(value.findings)
      ? value.findings
          .filter((finding) => !isRecord(finding) || countedInReport(finding.suppressed))
          .map((finding: unknown) => (isRecord(finding) ? finding.fingerprint : undefined))
      : fail('no fingerprints or findings list');
  const fingerprints = new Set<string>();
  listed.forEach((entry: unknown, i: number) => {
    if (typeof entry !== 'string' || !FINGERPRINT.test(entry))
      fail(`entry ${String(i)} has no fingerprint of 32 hex digits`);
    else fingerprints.add(entry);
  });
  return { file, fingerprints };
}

/** Whether a report's finding counted, or was held by an older baseline. */
function countedInReport(suppressed: unknown): boolean {
  return suppressed === null || (isRecord(suppressed) && suppressed.by === 'baseline');
}

/**
 * Marks the findings whose fingerprint is in the baseline as suppressed `by: 'baseline'`; findings
 * already suppressed keep their own reason. Line numbers take no part: moving a manifest's lines
 * keeps its findings in the baseline.
 */
export function applyBaseline(findings: readonly Finding[], baseline: Baseline): Finding[] {
  return findings.map((finding) =>
    finding.suppressed === undefined && baseline.fingerprints.has(fingerprint(finding))
      ? { ...finding, suppressed: { by: 'baseline', reason: `in baseline ${baseline.file}` } }
      : finding,
  );
}

/** The fingerprints a new baseline records: every finding that counts, or that an older baseline holds. */
export function baselineFingerprints(findings: readonly Finding[]): string[] {
  const counted = findings.filter(
    (finding) => finding.suppressed === undefined || finding.suppressed.by === 'baseline',
  );
  return [...new Set(counted.map(fingerprint))].sort();
}
