import { readSources } from '../load/read.ts';
import type { ReadSource } from '../load/read.ts';
import type { Diagnostic } from '../model/diagnostic.ts';
import { POD_KINDS } from '../score/validate.ts';
import { readLiveCluster } from './cluster.ts';
import { inputSource, readOptionsOf } from './sources.ts';
import type { InputFlags } from './sources.ts';
import { UsageError } from '../model/errors.ts';
import { terminalWidth } from '../render/columns.ts';
import { scoreRun } from '../render/score/run.ts';
import type { ScoreOutput } from '../render/score/outputs.ts';
import type { ScoreProfile } from '../score/rule.ts';

/** The flags of `kubeward score`, as commander parses them. */
export interface ScoreFlags extends InputFlags {
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
  const source = inputSource('score', paths, flags, { allNamespacesReadsCluster: true });
  if (source === 'none')
    throw new UsageError(
      'nothing to score: give a file, a directory, - for stdin, -k DIR or --helm DIR, or read a live cluster with --context or -A',
    );
  const failureCode = Number(flags.exitCode);
  if (!Number.isInteger(failureCode) || failureCode < 0 || failureCode > 255)
    throw new UsageError(`--exit-code must be an integer from 0 to 255, not "${flags.exitCode}"`);
  const rules = flags.rules
    ?.split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  const read =
    source === 'cluster' ? await liveSources(flags) : await readSources(inputs, readOptionsOf(flags));
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

/**
 * The workloads of a live cluster as sources, one JSON text per object named by its `cluster://`
 * address: kubesec scores what it is given one object at a time.
 */
async function liveSources(flags: ScoreFlags): Promise<{ sources: ReadSource[]; diagnostics: Diagnostic[] }> {
  const read = await readLiveCluster(flags, {
    secrets: 'none',
    ...(flags.namespace === undefined ? {} : { namespace: flags.namespace }),
  });
  const sources = read.resources
    .filter((resource) => POD_KINDS.has(resource.kind))
    .map((resource) => ({
      file: resource.origin.file,
      format: 'json' as const,
      text: JSON.stringify(resource.object, null, 2),
      named: true,
    }));
  return { sources, diagnostics: [...read.diagnostics] };
}
