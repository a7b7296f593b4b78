import { readSources } from '../load/read.ts';
import { UsageError } from '../model/errors.ts';
import { terminalWidth } from '../render/columns.ts';
import { scoreRun } from '../render/score/run.ts';
import type { ScoreOutput } from '../render/score/outputs.ts';
import type { ScoreProfile } from '../score/rule.ts';

/** The flags of `kubeward score`, as commander parses them. */
export interface ScoreFlags {
  readonly filename: readonly string[];
  readonly maxFileSize: number;
  readonly defaultNamespace: string;
  readonly profile: ScoreProfile;
  readonly rules?: string;
  readonly output: ScoreOutput;
  readonly exitCode: string;
  readonly explain: boolean;
}

/**
 * `kubeward score`: kubesec-compatible risk scores. The JSON output, exit status (2 when any object
 * scores 0 or less), error handling and `--rules` behave as `kubesec scan` does; beyond kubesec,
 * every document and List item is scored independently, directories are walked, and `-o table`,
 * `-o sarif` and `--explain` give the file:line:col of each matched rule.
 */
export async function score(paths: string[], flags: ScoreFlags): Promise<void> {
  const inputs = [...paths, ...flags.filename];
  if (inputs.length === 0) throw new UsageError('nothing to score: give a file, a directory or - for stdin');
  const failureCode = Number(flags.exitCode);
  if (!Number.isInteger(failureCode) || failureCode < 0 || failureCode > 255)
    throw new UsageError(`--exit-code must be an integer from 0 to 255, not "${flags.exitCode}"`);
  const rules = flags.rules
    ?.split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  const read = await readSources(inputs, { recursive: true, maxFileSize: flags.maxFileSize });
  const result = scoreRun(read.sources, read.diagnostics, {
    profile: flags.profile,
    rules,
    output: flags.output,
    explain: flags.explain,
    defaultNamespace: flags.defaultNamespace,
    failureCode,
    baseDirectory: process.cwd(),
    width: terminalWidth(process.stdout),
  });
  process.stderr.write(result.stderr);
  process.stdout.write(result.stdout);
  process.exitCode = result.exitCode;
}
