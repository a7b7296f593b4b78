import { Command, Option } from 'commander';
import { readSources } from '../load/read.ts';
import { UsageError } from '../model/errors.ts';
import { terminalWidth } from '../render/columns.ts';
import { SCORE_OUTPUTS, scoreRun } from '../render/score/run.ts';
import type { ScoreOutput } from '../render/score/run.ts';
import { SCORE_PROFILES } from '../score/rule.ts';
import type { ScoreProfile } from '../score/rule.ts';

interface ScoreFlags {
  readonly filename: readonly string[];
  readonly profile: ScoreProfile;
  readonly rules?: string;
  readonly output: ScoreOutput;
  readonly exitCode: string;
  readonly explain: boolean;
}

const collect = (value: string, previous: readonly string[]): string[] => [...previous, value];

/**
 * `kubeward score`: kubesec-compatible risk scores. The JSON output, exit status (2 when any object
 * scores 0 or less), error handling and `--rules` behave as `kubesec scan` does; beyond kubesec,
 * every document and List item is scored independently, directories are walked, and `-o table`,
 * `-o sarif` and `--explain` give the file:line:col of each matched rule.
 */
export function scoreCommand(): Command {
  return new Command('score')
    .summary('kubesec-compatible risk scores')
    .description(
      "Score Kubernetes objects with kubesec's rules and print kubesec's JSON report.\n\n" +
        'Exit status, as kubesec: 0 when every object scores above 0, otherwise --exit-code (default 2);\n' +
        'errors (no document, unknown rule id) are printed on stdout and exit 1.',
    )
    .argument('[paths...]', 'files, directories or - for stdin (same as -f)')
    .option('-f, --filename <path>', 'file, directory or - for stdin (repeatable)', collect, [])
    .addOption(
      new Option('--profile <name>', 'kubesec rule set').choices(SCORE_PROFILES).default('kubesec-head'),
    )
    .option('--rules <ids>', 'comma-separated kubesec rule ids to run (default: all)')
    .addOption(new Option('-o, --output <format>', 'output format').choices(SCORE_OUTPUTS).default('json'))
    .option('--exit-code <code>', 'exit status when an object scores 0 or less', '2')
    .option('--explain', "print every rule's contribution and where it matched instead of the report", false)
    .action(async (paths: string[], flags: ScoreFlags) => {
      const inputs = [...paths, ...flags.filename];
      if (inputs.length === 0)
        throw new UsageError('nothing to score: give a file, a directory or - for stdin');
      const failureCode = Number(flags.exitCode);
      if (!Number.isInteger(failureCode) || failureCode < 0 || failureCode > 255)
        throw new UsageError(`--exit-code must be an integer from 0 to 255, not "${flags.exitCode}"`);
      const rules = flags.rules
        ?.split(',')
        .map((id) => id.trim())
        .filter((id) => id !== '');
      const read = await readSources(inputs, { recursive: true });
      const result = scoreRun(read.sources, read.diagnostics, {
        profile: flags.profile,
        rules,
        output: flags.output,
        explain: flags.explain,
        failureCode,
        baseDirectory: process.cwd(),
        width: terminalWidth(process.stdout),
      });
      process.stderr.write(result.stderr);
      process.stdout.write(result.stdout);
      process.exitCode = result.exitCode;
    });
}
