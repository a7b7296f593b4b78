import { Command, Option } from 'commander';
import { HOST_NETWORK_MODES } from '../../netpol/host-network.ts';
import { MATRIX_FORMATS } from '../../render/netpol/formats.ts';
import type { MatrixFormat } from '../../render/netpol/formats.ts';
import { DIFF_FORMATS } from '../../render/netpol/diff.ts';
import { EXPOSURE_FORMATS } from '../../render/netpol/exposure.ts';
import type { ExposureFormat } from '../../render/netpol/exposure.ts';
import type { DiffFormat } from '../../render/netpol/diff.ts';
import type { DiffFlags, FocusFlags, InputFlags } from '../netpol.ts';
import { addClusterOptions } from './cluster-options.ts';
import { defaultNamespaceOption } from './default-namespace.ts';
import { addNamespaceOptions } from './namespace-options.ts';
import type { NamespaceHelp } from './namespace-options.ts';
import { maxFileSizeOption } from './max-file-size.ts';
import { addSourceOptions } from './source-options.ts';
import { gatewayControllerOption, ingressControllerOption } from './controller-options.ts';
import type { ControllerFlags } from '../route-controllers.ts';
import { ROUTE_FORMATS } from '../../render/netpol/route-formats.ts';
import type { RouteFormat } from '../../render/netpol/route-formats.ts';

/** The options of how the manifests are modelled, the same on every sub-command. */
function withModelOptions(command: Command): Command {
  return command
    .addOption(defaultNamespaceOption())
    .option(
      '--ipblock-matches-pods',
      'let ipBlock peers match pod addresses known from Pod status (as upstream e2e and Cyclonus; np-guard does not)',
      false,
    )
    .addOption(
      new Option(
        '--host-network <mode>',
        "hostNetwork pods: ignore = not selected by policies, reached as their node, a hostNetwork DaemonSet counts as every pod's own node (the common implementation); pod = ordinary pods",
      )
        .choices(HOST_NETWORK_MODES)
        .default('ignore'),
    );
}

function withInputs(command: Command, namespaces?: NamespaceHelp): Command {
  const sourced = addSourceOptions(command);
  return withModelOptions(
    addClusterOptions(namespaces === undefined ? sourced : addNamespaceOptions(sourced, namespaces)),
  );
}

/** `--focus-workload`, `--focus-peer`, `--direction` and `--port` of `matrix` and `explain`. */
function withFocus(command: Command): Command {
  return command
    .option(
      '--focus-workload <workload>',
      'only connections with this workload at one end (kind/namespace/name or namespace/name); only its row and column are computed',
    )
    .option(
      '--focus-peer <peer>',
      'only connections whose other end is this workload, IP address or CIDR (alone: connections with it at one end)',
    )
    .addOption(
      new Option(
        '--direction <direction>',
        'with a focus: only connections into the focused end (ingress) or out of it (egress)',
      ).choices(['ingress', 'egress']),
    );
}

/** Why `netpol` reads a live cluster in every namespace whatever `-n` says. */
const EVERY_NAMESPACE =
  'a live cluster is read in every namespace: what reaches a namespace depends on the pods and policies of the others';

/** `kubeward netpol`: NetworkPolicy reachability, explanations, netassert assertions and generation. */
export function netpolCommand(): Command {
  const netpol = new Command('netpol')
    .summary('NetworkPolicy reachability from manifests')
    .description(
      'Answers who can reach whom under the NetworkPolicies of the manifests (networking.k8s.io/v1 semantics),\n' +
        'explains a verdict, checks netassert assertions statically and generates least-privilege policies.\n' +
        'Reads manifests (-f, -k, --helm) or a live cluster (--kubeconfig, --context), every namespace of it.',
    );

  withFocus(
    withInputs(netpol.command('matrix'), {
      namespace: `only connections with an end in this namespace (default: the context's of a live cluster, else every one); ${EVERY_NAMESPACE}`,
      allNamespaces: 'connections of every namespace',
    }),
  )
    .description(
      'who can reach whom: workload × workload and external address ranges, with allowed ports; ' +
        'adjacent address ranges with the same ports are one row (a CIDR, or FIRST-LAST when the span is no single CIDR)',
    )
    .addOption(new Option('-o, --output <format>', 'output format').choices(MATRIX_FORMATS).default('table'))
    .addOption(ingressControllerOption())
    .addOption(gatewayControllerOption())
    .option(
      '--port <port>',
      'only connections allowed on PORT or PORT/PROTO (TCP, UDP, SCTP), their ports narrowed to it',
    )
    .action(async (flags: InputFlags & ControllerFlags & FocusFlags & { output: MatrixFormat }) => {
      const { netpolMatrix } = await import('../netpol.ts');
      await netpolMatrix(flags);
    });

  withInputs(netpol.command('ingress').alias('routes'), {
    namespace: `only routes in this namespace or to a Service in it (default: the context's of a live cluster, else every one); ${EVERY_NAMESPACE}`,
    allNamespaces: 'the routes of every namespace',
  })
    .description(
      "each Ingress, HTTPRoute and GRPCRoute backend -> Service port -> workloads, and whether the policies let the controller's pods in (the deciding policy named)",
    )
    .addOption(new Option('-o, --output <format>', 'output format').choices(ROUTE_FORMATS).default('table'))
    .option(
      '--fail-on-blocked',
      'exit 1 when policy blocks a route backend, or its traffic reaches no pod (no selector match, no such port)',
      false,
    )
    .addOption(ingressControllerOption())
    .addOption(gatewayControllerOption())
    .action(async (flags: InputFlags & ControllerFlags & { output: RouteFormat; failOnBlocked: boolean }) => {
      const { netpolIngress } = await import('../netpol-ingress.ts');
      await netpolIngress(flags);
    });

  withInputs(netpol.command('exposure'), {
    namespace: `only the workloads of this namespace (default: the context's of a live cluster, else every one); ${EVERY_NAMESPACE}`,
    allNamespaces: 'the workloads of every namespace',
  })
    .description(
      'what each workload is open to, per port: not isolated, the entire cluster, outside addresses (ipBlock), ' +
        'namespaces, its own namespace, pods with some labels. Computed from the policies (ANP, NetworkPolicy, ' +
        'BANP) for any pod that could exist, not only those of the input; a set counts when all of it is allowed',
    )
    .addOption(
      new Option('-o, --output <format>', 'output format').choices(EXPOSURE_FORMATS).default('table'),
    )
    .option(
      '--exposed-only',
      'only workloads open to the entire cluster, to pods of any namespace, to outside addresses, or not isolated for ingress',
      false,
    )
    .addOption(
      new Option(
        '--direction <direction>',
        'only ingress (who can connect to it) or egress (what it may reach)',
      ).choices(['ingress', 'egress']),
    )
    .action(
      async (
        flags: InputFlags & {
          output: ExposureFormat;
          exposedOnly: boolean;
          direction?: 'ingress' | 'egress';
        },
      ) => {
        const { netpolExposure } = await import('../netpol.ts');
        await netpolExposure(flags);
      },
    );

  withFocus(withInputs(netpol.command('explain')))
    .description(
      'the verdict for SRC → DST and the policy rules on each side that decide it; ' +
        'with --focus-workload or --focus-peer instead of SRC and DST: a table of every pair the focus keeps, ' +
        'allowed or denied, and what decided each side (adjacent address ranges with the same answer are one row)',
    )
    .argument('[src]', 'source: kind/namespace/name, namespace/name or an IP address')
    .argument('[dst]', 'destination: kind/namespace/name, namespace/name or an IP address')
    .argument('[port]', 'PORT or PORT/PROTO (default: every port)')
    .option('--port <port>', 'PORT or PORT/PROTO, instead of the third argument')
    .option('-o, --output <format>', 'text or json', 'text')
    .action(
      async (
        src: string | undefined,
        dst: string | undefined,
        port: string | undefined,
        flags: InputFlags & FocusFlags & { output: string },
      ) => {
        const { netpolExplain } = await import('../netpol.ts');
        await netpolExplain(src, dst, port, flags);
      },
    );

  withInputs(netpol.command('assert'))
    .description(
      'verify netassert assertions (v1 map or v2 test list) against the manifests; exit 1 on any failure',
    )
    .argument('<file>', 'netassert file')
    .addOption(new Option('-o, --output <format>', 'output format').choices(['tap', 'junit']).default('tap'))
    .option('--output-file <path>', 'write the results to a file instead of stdout')
    .action(async (file: string, flags: InputFlags & { output: 'tap' | 'junit'; outputFile?: string }) => {
      const { netpolAssert } = await import('../netpol.ts');
      await netpolAssert(file, flags);
    });

  withInputs(netpol.command('generate'), {
    namespace: `only the policies of this namespace (default: the context's of a live cluster, else every one); ${EVERY_NAMESPACE}`,
    allNamespaces: 'the policies of every namespace',
  })
    .description(
      'default-deny and DNS egress per namespace, plus least-privilege allow policies for the flows a netassert file declares',
    )
    .option('--flows <file>', 'netassert file listing the flows to allow (assertions expecting success)')
    .action(async (flags: InputFlags & { flows?: string }) => {
      const { netpolGenerate } = await import('../netpol.ts');
      await netpolGenerate(flags);
    });

  withModelOptions(netpol.command('diff'))
    .description(
      'connections added, removed and changed (other ports) from the manifests BEFORE to those AFTER, e.g. two checkouts of a repository; ' +
        'address ranges are compared by the addresses they cover, not by how they are written',
    )
    .argument('<before>', 'manifests before: file or directory')
    .argument('<after>', 'manifests after: file or directory')
    .option('-R, --recursive', 'walk directories recursively (default)', true)
    .option('--no-recursive', 'read only the top level of directories')
    .addOption(maxFileSizeOption())
    .addOption(
      new Option('-o, --output <format>', 'output format (md: for a pull-request comment)')
        .choices(DIFF_FORMATS)
        .default('text'),
    )
    .option(
      '--fail-on-new',
      'exit 1 when AFTER allows access BEFORE does not: a new pair (source, destination), or a pair on more ports (TCP 80 -> TCP 80,443); narrowing is not new',
      false,
    )
    .action(
      async (
        before: string,
        after: string,
        flags: DiffFlags & { output: DiffFormat; failOnNew: boolean },
      ) => {
        const { netpolDiff } = await import('../netpol.ts');
        await netpolDiff(before, after, flags);
      },
    );

  return netpol;
}
