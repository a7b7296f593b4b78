import { Command, Option } from 'commander';
import { FRAMEWORK_IDS } from '../../model/frameworks/framework.ts';
import { SEVERITIES } from '../../model/severity.ts';
import { OUTPUT_FORMATS } from '../../render/formats.ts';
import type { ScanFlags } from '../scan.ts';
import { addClusterOptions } from './cluster-options.ts';
import { collect } from './collect.ts';
import { addNamespaceOptions } from './namespace-options.ts';
import { addSourceOptions } from './source-options.ts';
import { defaultNamespaceOption } from './default-namespace.ts';
import { configOption, failOnOption } from './findings-options.ts';
import { kubernetesVersionOption } from './kubernetes-version.ts';
import { addRegistryOptions } from './registry-options.ts';
import { addSignatureOptions } from './signature-options.ts';

/** What `-n` and `-A` select on `scan` (and `score`): the same for manifests and a live cluster. */
export const SCAN_NAMESPACES = {
  namespace:
    "report the objects of this namespace, the Namespace itself and cluster-scoped objects (ClusterRoles, webhooks, ...), not other namespaces; of a live cluster, read only this namespace (default: the context's); of a chart, render for it",
  allNamespaces: 'read and report every namespace of the live cluster',
} as const;

/** `kubeward scan`: check manifests, a cluster dump or a node's files. */
export function scanCommand(): Command {
  const base = new Command('scan')
    .summary('check manifests, a cluster dump or a node directory')
    .description(
      'Check Kubernetes manifests against the hardening checks and print the findings.\n\n' +
        'Inputs are files, directories (walked for .yaml, .yml and .json) or - for stdin, given as\n' +
        'arguments or with -f. A directory holding a kustomization is built (kubectl kustomize or\n' +
        'kustomize build), one holding a Chart.yaml rendered (helm template); findings point at the\n' +
        'files the objects came from. Or read a live cluster through a kubeconfig (as kubectl:\n' +
        '--kubeconfig, else KUBECONFIG, else ~/.kube/config) with --context NAME, -A (every namespace)\n' +
        'or -n NAME:\n' +
        '  kubeward scan --context my-cluster -A',
    )
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  # Scan a directory, listing only high and critical findings\n' +
        '  kubeward scan deploy/ --min-severity high\n\n' +
        '  # Run the Pod Security checks only, except the seccomp ones\n' +
        "  kubeward scan deploy/ --check 'pss-*' --skip 'pss-seccomp-*'\n\n" +
        "  # Accept today's findings, then fail only on new ones\n" +
        '  kubeward scan deploy/ --fail-on none --write-baseline kubeward-baseline.json\n' +
        '  kubeward scan deploy/ --baseline kubeward-baseline.json\n\n' +
        '  # Write the HTML report, or keep the JSON one and make the page later\n' +
        '  kubeward scan deploy/ -o html --output-file kubeward.html\n' +
        '  kubeward scan deploy/ -o json --graphs --output-file kubeward.json\n' +
        '  kubeward report kubeward.json -o html --output-file kubeward.html\n\n' +
        '  # Print the scorecard only\n' +
        '  kubeward scan deploy/ --summary',
    )
    .argument('[paths...]', 'files or directories to scan (same as -f)');
  const command = addNamespaceOptions(addSourceOptions(base, 'manifests to scan'), SCAN_NAMESPACES)
    .addOption(defaultNamespaceOption())
    .addOption(new Option('-o, --output <format>', 'output format').choices(OUTPUT_FORMATS).default('table'))
    .option('--output-file <path>', 'write the report to a file instead of stdout')
    .addOption(failOnOption())
    .addOption(
      new Option('--pss-level <level>', 'Pod Security Standards level to hold workloads to').choices([
        'baseline',
        'restricted',
      ]),
    )
    .option('--pss-version <version>', 'Pod Security Standards version: v1.0 … v1.37 or latest')
    .addOption(
      new Option('--framework <id>', 'add a per-control scorecard of this framework').choices(FRAMEWORK_IDS),
    )
    .addOption(kubernetesVersionOption())
    .addOption(configOption())
    .option('--ignore-annotations', 'do not honour kubeward.io/ignore annotations', false)
    .option('--show-suppressed', 'list suppressed findings in the table', false)
    .option('--check <id>', 'run only this check; an id or glob such as pss-* (repeatable)', collect, [])
    .option('--skip <id>', 'do not run this check; an id or glob (repeatable)', collect, [])
    .addOption(
      new Option(
        '--min-severity <severity>',
        'list only findings at or above this severity; the others still count for --fail-on',
      ).choices(SEVERITIES),
    )
    .option(
      '--graphs',
      'add the network and attack-path graphs to -o json and -o yaml (-o html always draws them)',
      false,
    )
    .option('--summary', 'print only the scorecard and the total (table output)', false)
    .option('--baseline <file>', 'findings in this baseline (or JSON report) are marked and do not fail')
    .option('--write-baseline <file>', 'write the fingerprints of the findings that count to this file')
    .option('--no-color', 'never colour the table')
    .option(
      '--images',
      'ask the registries which digest each image tag points to (image-digest-missing findings gain it and their fix); with an OSV database, read each image and report its known vulnerabilities (image-vulnerable); with --key or --trusted-root, each image not signed as required is an image-signature-unverified finding',
      false,
    )
    .option(
      '--osv-db <dir>',
      'the OSV database --images matches against (default: the images db update directory, when it exists)',
    );
  return addRegistryOptions(addClusterOptions(addSignatureOptions(command), { secrets: true })).action(
    async (paths: string[], flags: ScanFlags) => {
      const { scan } = await import('../scan.ts');
      await scan(paths, flags);
    },
  );
}
