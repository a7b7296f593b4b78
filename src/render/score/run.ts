import type { Source } from '../../load/source.ts';
import type { Diagnostic } from '../../model/diagnostic.ts';
import { formatDiagnostic } from '../../model/diagnostic.ts';
import { scoreRunReport } from '../../report/score.ts';
import { subjectsOf } from '../../score/documents.ts';
import { renderKubesecJson } from '../../score/json.ts';
import type { ScoreProfile } from '../../score/rule.ts';
import { ruleIds } from '../../score/ruleset.ts';
import { scoreExitCode, scoreSubjects } from '../../score/scan-inputs.ts';
import type { ScoredSubject } from '../../score/scan-inputs.ts';
import { unknownRuleIds } from '../../score/score.ts';
import { renderSarif } from '../sarif.ts';
import type { ScoreOutput } from './outputs.ts';
import { renderScoreExplanation } from './explain.ts';
import { renderScoreTable } from './table.ts';

/** Where kubesec's rules are documented: the README's section on `kubeward score`. */
const SCORE_DOCS_PAGE = 'README.md#kubeward-score-kubesec-compatible-risk-scores';

/** What a score run is asked to do (the flags of `kubeward score`). */
export interface ScoreRunOptions {
  readonly profile: ScoreProfile;
  readonly rules: readonly string[] | undefined;
  readonly output: ScoreOutput;
  readonly explain: boolean;
  /** Namespace of objects that name none (`--default-namespace`); kubesec's `default` unless given. */
  readonly defaultNamespace?: string;
  /** Exit status when an object scores 0 or less (kubesec `--exit-code`, default 2). */
  readonly failureCode: number;
  /** Directory SARIF artifact URIs are relative to. */
  readonly baseDirectory: string;
  /** Width the table wraps to (see terminalWidth); unlimited when absent. */
  readonly width?: number;
}

/** What a score run prints and how it exits. */
export interface ScoreRunResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
  readonly scored: readonly ScoredSubject[];
}

/** kubesec prints errors on stdout with a capital first letter and exits 1; scripts rely on it. */
function kubesecError(message: string, stderr: string): ScoreRunResult {
  return {
    stdout: `${message.charAt(0).toUpperCase()}${message.slice(1)}\n`,
    stderr,
    exitCode: 1,
    scored: [],
  };
}

/**
 * A whole `kubeward score` run over sources already read, as kubesec behaves: an unknown `--rules` id
 * or no document at all is an error (stdout, exit 1); otherwise the report, exit 0 only when every
 * object scores above 0, else `failureCode`. Input problems go to stderr and, when every object
 * passed, turn the exit status to 1. Pure: the CLI only prints the result.
 */
export function scoreRun(
  sources: readonly Source[],
  readDiagnostics: readonly Diagnostic[],
  options: ScoreRunOptions,
): ScoreRunResult {
  if (options.rules !== undefined) {
    const unknown = unknownRuleIds(options.rules, options.profile);
    if (unknown.length > 0)
      return kubesecError(
        `unknown rule id${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} (known: ${ruleIds(options.profile).join(', ')})`,
        '',
      );
  }
  const { subjects, diagnostics } = subjectsOf(sources);
  const problems = [...readDiagnostics, ...diagnostics];
  const stderr = problems.map((diagnostic) => `${formatDiagnostic(diagnostic)}\n`).join('');
  if (subjects.length === 0) return kubesecError('Invalid input', stderr);
  const scored = scoreSubjects(subjects, {
    profile: options.profile,
    ...(options.rules === undefined ? {} : { rules: options.rules }),
    ...(options.defaultNamespace === undefined ? {} : { defaultNamespace: options.defaultNamespace }),
  });
  const status = scoreExitCode(scored, options.failureCode);
  const inputErrors = problems.some(({ level }) => level === 'error');
  return {
    stdout: render(scored, options, problems, sources.length),
    stderr,
    exitCode: status === 0 && inputErrors ? 1 : status,
    scored,
  };
}

function render(
  scored: readonly ScoredSubject[],
  options: ScoreRunOptions,
  problems: readonly Diagnostic[],
  files: number,
): string {
  if (options.explain) return renderScoreExplanation(scored);
  if (options.output === 'table') return renderScoreTable(scored, options.width);
  if (options.output === 'sarif')
    return renderSarif(scoreRunReport(scored, options.profile, problems, files, options.defaultNamespace), {
      baseDirectory: options.baseDirectory,
      helpPage: () => SCORE_DOCS_PAGE,
    });
  return renderKubesecJson(scored.map(({ report }) => report));
}
