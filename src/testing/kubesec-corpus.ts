import { join } from 'node:path';
import { readSources } from '../load/read.ts';
import { scoreRun } from '../render/score/run.ts';
import type { ScoreRunResult } from '../render/score/run.ts';
import { conformancePath } from './conformance.ts';

/** kubesec's own test fixtures (controlplaneio/kubesec test/asset), under KUBEWARD_CONFORMANCE_DIR. */
export const KUBESEC_CORPUS = conformancePath('corpus/kubesec');

/** The options `kubesec scan` runs with by default: the head rule set, JSON, exit 2 on a zero score. */
export const KUBESEC_SCAN_OPTIONS = {
  profile: 'kubesec-head',
  rules: undefined,
  output: 'json',
  explain: false,
  failureCode: 2,
  baseDirectory: KUBESEC_CORPUS,
} as const;

/** Scores a corpus fixture as `kubesec scan FILE` does, naming it by its path in the corpus. */
export async function scoreCorpusFile(fixture: string, recursive: boolean): Promise<ScoreRunResult> {
  const read = await readSources([join(KUBESEC_CORPUS, fixture)], { recursive });
  const sources = read.sources.map((source) => ({ ...source, file: fixture }));
  return scoreRun(sources, read.diagnostics, KUBESEC_SCAN_OPTIONS);
}
