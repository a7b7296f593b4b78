import { Command, Option } from 'commander';
import { SCORE_PROFILES } from '../../score/rule.ts';
import { SCORE_OUTPUTS } from '../../render/score/outputs.ts';
import type { ScoreFlags } from '../score.ts';
import { addClusterOptions } from './cluster-options.ts';
import { defaultNamespaceOption } from './default-namespace.ts';
import { addNamespaceOptions } from './namespace-options.ts';
import { addSourceOptions } from './source-options.ts';

/** `kubeward score`: kubesec-compatible risk scores (see ../score.ts). */
export function scoreCommand(): Command {
  const base = new Command('score')
    .summary('kubesec-compatible risk scores')
    .description(
      "Score Kubernetes objects with kubesec's rules and print kubesec's JSON report.\n\n" +
        'Reads files, directories, - for stdin, a kustomization (-k) or a Helm chart (--helm), or the\n' +
        'workloads of a live cluster (--kubeconfig, --context, -A).\n' +
        'Exit status, as kubesec: 0 when every object scores above 0, otherwise --exit-code (default 2);\n' +
        'errors (no document, unknown rule id) are printed on stdout and exit 1.',
    )
    .argument('[paths...]', 'files, directories or - for stdin (same as -f)');
  const command = addNamespaceOptions(addSourceOptions(base, 'objects to score'), {
    namespace:
      "of a live cluster, read and score the workloads of this namespace only (default: the context's); of a chart, render for it. Objects from files are all scored, as kubesec does",
    allNamespaces: 'read and score the workloads of every namespace of the live cluster',
  })
    .addOption(defaultNamespaceOption())
    .addOption(
      new Option('--profile <name>', 'kubesec rule set').choices(SCORE_PROFILES).default('kubesec-head'),
    )
    .option('--rules <ids>', 'comma-separated kubesec rule ids to run (default: all)')
    .addOption(new Option('-o, --output <format>', 'output format').choices(SCORE_OUTPUTS).default('json'))
    .option('--exit-code <code>', 'exit status when an object scores 0 or less', '2')
    .option('--explain', "print every rule's contribution and where it matched instead of the report", false);
  return addClusterOptions(command).action(async (paths: string[], flags: ScoreFlags) => {
    const { score } = await import('../score.ts');
    await score(paths, flags);
  });
}
