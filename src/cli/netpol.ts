import { readFileSync, writeFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { dump } from 'js-yaml';
import { load } from '../load/load.ts';
import { formatDiagnostic } from '../model/diagnostic.ts';
import { InputError, UsageError } from '../model/errors.ts';
import type { Inventory } from '../model/inventory.ts';
import { buildInventory } from '../model/inventory.ts';
import { evaluateAssertions } from '../netpol/assert.ts';
import { connectionList } from '../netpol/connections.ts';
import type { Endpoint, NetpolModel } from '../netpol/engine.ts';
import { buildNetpolModel } from '../netpol/engine.ts';
import { explainConnection } from '../netpol/explain.ts';
import type { Probe } from '../netpol/explain.ts';
import { generatePolicies, verifyGenerated } from '../netpol/generate.ts';
import { reachabilityMatrix } from '../netpol/matrix.ts';
import type { Assertion } from '../netpol/netassert.ts';
import { parseNetassert } from '../netpol/netassert.ts';
import { isProtocol } from '../netpol/ports.ts';
import { addressEndpoint, findWorkloads, workloadEndpoint } from '../netpol/query.ts';
import { terminalWidth } from '../render/columns.ts';
import { renderAssertJunit, renderAssertTap } from '../render/netpol/assert.ts';
import { MATRIX_FORMATS, renderConnections } from '../render/netpol/connections.ts';
import type { MatrixFormat } from '../render/netpol/connections.ts';
import { renderExplanation } from '../render/netpol/explain.ts';

interface InputFlags {
  readonly filename: readonly string[];
  readonly recursive: boolean;
  readonly defaultNamespace: string;
  readonly ipblockMatchesPods: boolean;
}

const collect = (value: string, previous: readonly string[]): string[] => [...previous, value];

function withInputs(command: Command): Command {
  return command
    .option('-f, --filename <path>', 'manifest file, directory or - for stdin (repeatable)', collect, [])
    .option('-R, --recursive', 'walk directories recursively (default)', true)
    .option('--no-recursive', 'read only the top level of directories')
    .option('--default-namespace <name>', 'namespace of objects that name none', 'default')
    .option(
      '--ipblock-matches-pods',
      'let ipBlock peers match pod addresses known from Pod status (as upstream e2e and Cyclonus; np-guard does not)',
      false,
    );
}

async function loadInventory(flags: InputFlags): Promise<Inventory> {
  if (flags.filename.length === 0)
    throw new UsageError('no manifests: give them with -f (file, directory or -)');
  const loaded = await load(flags.filename, { recursive: flags.recursive });
  for (const diagnostic of loaded.diagnostics) process.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
  if (loaded.diagnostics.some((diagnostic) => diagnostic.level === 'error') && loaded.resources.length === 0)
    throw new InputError('no usable manifests');
  return buildInventory(loaded.resources, { defaultNamespace: flags.defaultNamespace });
}

function modelOf(inventory: Inventory, flags: InputFlags): NetpolModel {
  const model = buildNetpolModel(inventory, { ipBlockMatchesPods: flags.ipblockMatchesPods });
  for (const policy of model.policies) {
    for (const problem of policy.problems) {
      const position = policy.resource.origin.locate(problem.path);
      process.stderr.write(
        `${policy.resource.origin.file}:${position.line}:${position.column}: warning: NetworkPolicy ${policy.namespace}/${policy.name}: ${problem.message}\n`,
      );
    }
  }
  return model;
}

function endpointOf(model: NetpolModel, reference: string): Endpoint {
  const address = addressEndpoint(reference);
  if (address) return address;
  const workloads = findWorkloads(model, reference);
  if (workloads.length === 0)
    throw new UsageError(
      `no workload ${reference} (give kind/namespace/name, namespace/name or an IP address)`,
    );
  const endpoints = workloads.flatMap((workload) => workloadEndpoint(model, workload) ?? []);
  const first = endpoints[0];
  if (!first) throw new UsageError(`no workload ${reference}`);
  if (
    endpoints.some(
      (endpoint) => endpoint.type === 'pods' && first.type === 'pods' && endpoint.podClass !== first.podClass,
    )
  )
    throw new UsageError(
      `${reference} names several workloads with different pods; add the kind (kind/namespace/name)`,
    );
  return first;
}

/** Parses `80`, `80/TCP`, `53/udp`. */
function parseProbe(text: string | undefined): Probe | undefined {
  if (text === undefined) return undefined;
  const match = /^(\d{1,5})(?:\/([A-Za-z]+))?$/.exec(text);
  const protocol = (match?.[2] ?? 'TCP').toUpperCase();
  const port = Number(match?.[1]);
  if (!match || !isProtocol(protocol) || port < 1 || port > 65535)
    throw new UsageError(`invalid port ${JSON.stringify(text)}: use PORT or PORT/PROTO (TCP, UDP, SCTP)`);
  return { protocol, port };
}

function readAssertions(file: string): Assertion[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parseNetassert(file, text);
}

/** `kubeward netpol`: NetworkPolicy reachability, explanations, netassert assertions and generation. */
export function netpolCommand(): Command {
  const netpol = new Command('netpol')
    .summary('NetworkPolicy reachability from manifests')
    .description(
      'Answers who can reach whom under the NetworkPolicies of the manifests (networking.k8s.io/v1 semantics),\n' +
        'explains a verdict, checks netassert assertions statically and generates least-privilege policies.',
    );

  withInputs(netpol.command('matrix'))
    .description('who can reach whom: workload × workload and external address ranges, with allowed ports')
    .addOption(new Option('-o, --output <format>', 'output format').choices(MATRIX_FORMATS).default('table'))
    .option('-n, --namespace <name>', 'only connections with an end in this namespace')
    .action(async (flags: InputFlags & { output: MatrixFormat; namespace?: string }) => {
      const model = modelOf(await loadInventory(flags), flags);
      const list = connectionList(reachabilityMatrix(model), flags.namespace);
      process.stdout.write(renderConnections(list, flags.output, terminalWidth(process.stdout)));
    });

  withInputs(netpol.command('explain'))
    .description('the verdict for SRC → DST and the policy rules on each side that decide it')
    .argument('<src>', 'source: kind/namespace/name, namespace/name or an IP address')
    .argument('<dst>', 'destination: kind/namespace/name, namespace/name or an IP address')
    .argument('[port]', 'PORT or PORT/PROTO (default: every port)')
    .option('-o, --output <format>', 'text or json', 'text')
    .action(
      async (src: string, dst: string, port: string | undefined, flags: InputFlags & { output: string }) => {
        const probe = parseProbe(port);
        const model = modelOf(await loadInventory(flags), flags);
        const explanation = explainConnection(model, endpointOf(model, src), endpointOf(model, dst), probe);
        process.stdout.write(
          flags.output === 'json'
            ? `${JSON.stringify(explanation, null, 2)}\n`
            : renderExplanation(explanation),
        );
        process.exitCode = explanation.allowed ? 0 : 1;
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
      const assertions = readAssertions(file);
      const inventory = await loadInventory(flags);
      const results = evaluateAssertions(modelOf(inventory, flags), inventory, assertions);
      const text = flags.output === 'junit' ? renderAssertJunit(results) : renderAssertTap(results);
      if (flags.outputFile === undefined) process.stdout.write(text);
      else writeFileSync(flags.outputFile, text);
      process.exitCode = results.some((result) => result.status === 'fail') ? 1 : 0;
    });

  withInputs(netpol.command('generate'))
    .description(
      'default-deny and DNS egress per namespace, plus least-privilege allow policies for the flows a netassert file declares',
    )
    .option('--flows <file>', 'netassert file listing the flows to allow (assertions expecting success)')
    .action(async (flags: InputFlags & { flows?: string }) => {
      const flows = flags.flows === undefined ? [] : readAssertions(flags.flows);
      const inventory = await loadInventory(flags);
      const generated = generatePolicies(modelOf(inventory, flags), inventory, flows);
      for (const reason of generated.unresolved)
        process.stderr.write(`warning: flow not generated: ${reason}\n`);
      const text = generated.policies.map((policy) => dump(policy, { lineWidth: -1 })).join('---\n');
      process.stdout.write(text);
      const { results } = verifyGenerated(inventory, generated.policies, flows, {
        ipBlockMatchesPods: flags.ipblockMatchesPods,
      });
      const failed = results.filter((result) => result.status === 'fail');
      for (const result of failed)
        process.stderr.write(
          `warning: generated policies do not satisfy ${result.assertion.name}: ${result.reason}\n`,
        );
      process.exitCode = failed.length > 0 || generated.unresolved.length > 0 ? 1 : 0;
    });

  return netpol;
}
