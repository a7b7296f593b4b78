import { dump } from '../load/js-yaml.ts';
import { readRegularFileSync } from '../load/regular-file.ts';
import { formatDiagnostic } from '../model/diagnostic.ts';
import { escapeControls } from '../model/terminal-text.ts';
import { InputError, UsageError } from '../model/errors.ts';
import type { Diagnostic } from '../model/diagnostic.ts';
import type { Inventory } from '../model/inventory.ts';
import { buildInventory, namespaceOf } from '../model/inventory.ts';
import { podTemplateOf } from '../model/workload.ts';
import type { Workload } from '../model/workload.ts';
import { evaluateAssertions } from '../netpol/assert.ts';
import { diffConnections, hasNewAccess } from '../netpol/connection-diff.ts';
import { connectionList } from '../netpol/connections.ts';
import type { ConnectionList } from '../netpol/connections.ts';
import { netpolDiagnostics } from '../netpol/diagnostics.ts';
import type { Endpoint, HostNetworkMode, NetpolModel } from '../netpol/engine.ts';
import { buildNetpolModel } from '../netpol/engine.ts';
import { explainConnection } from '../netpol/explain.ts';
import { exposureOf } from '../netpol/exposure.ts';
import type { Probe } from '../netpol/explain.ts';
import { explainFocus } from '../netpol/explain-focus.ts';
import type { Focus, FocusTarget } from '../netpol/focus.ts';
import { focusedConnections } from '../netpol/focus.ts';
import { generatePolicies, verifyGenerated } from '../netpol/generate.ts';
import { parseCidr } from '../netpol/ip.ts';
import type { Direction } from '../netpol/policy.ts';
import { reachabilityMatrix } from '../netpol/matrix.ts';
import type { Assertion } from '../netpol/netassert.ts';
import { parseNetassert } from '../netpol/netassert.ts';
import { isProtocol, portRange } from '../netpol/ports.ts';
import { addressEndpoint, findWorkloads, workloadEndpoint, workloadName } from '../netpol/query.ts';
import { terminalWidth } from '../render/columns.ts';
import { renderAssertJunit, renderAssertTap } from '../render/netpol/assert.ts';
import { renderConnections } from '../render/netpol/connections.ts';
import { renderConnectionDiff } from '../render/netpol/diff.ts';
import type { DiffFormat } from '../render/netpol/diff.ts';
import type { MatrixFormat } from '../render/netpol/formats.ts';
import { isDrawingFormat } from '../render/netpol/formats.ts';
import { renderMatrixDrawing } from '../render/netpol/matrix-drawing.ts';
import { renderExplanation } from '../render/netpol/explain.ts';
import { renderFocusedExplanations } from '../render/netpol/explain-focus.ts';
import { renderExposure } from '../render/netpol/exposure.ts';
import type { ExposureFormat } from '../render/netpol/exposure.ts';
import { inputSource, loadScoped, pathsOf } from './sources.ts';
import type { InputFlags as SourceInputFlags } from './sources.ts';
import { writeReport } from './output-file.ts';
import type { ControllerFlags } from './route-controllers.ts';
import { routeControllerPods } from './route-controllers.ts';

/** The input flags every `kubeward netpol` sub-command takes, as commander parses them. */
export interface InputFlags extends SourceInputFlags {
  readonly defaultNamespace: string;
  readonly ipblockMatchesPods: boolean;
  readonly hostNetwork: HostNetworkMode;
}

/** The flags of `kubeward netpol diff`: the model options, applied to both sides, and how directories are read. */
export type DiffFlags = Pick<
  InputFlags,
  'defaultNamespace' | 'ipblockMatchesPods' | 'hostNetwork' | 'recursive' | 'maxFileSize'
>;

/** Error diagnostics printed for an inventory's input: the command then exits 2, like `scan`. */
const inputErrors = new WeakMap<Inventory, number>();

function printDiagnostics(inventory: Inventory, diagnostics: readonly Diagnostic[]): void {
  for (const diagnostic of diagnostics) process.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
  const errors = diagnostics.filter((diagnostic) => diagnostic.level === 'error').length;
  inputErrors.set(inventory, (inputErrors.get(inventory) ?? 0) + errors);
}

/** The command's own exit code, or 2 when some input could not be used (the output still covers the rest). */
export function exitCode(inventory: Inventory, code: number): number {
  return (inputErrors.get(inventory) ?? 0) > 0 ? 2 : code;
}

/** The inventory of the manifests or the live cluster (every namespace of it), and the namespace asked for. */
export async function loadInventory(
  flags: InputFlags,
): Promise<{ inventory: Inventory; namespace: string | undefined }> {
  const source = inputSource('netpol', [], flags, { allNamespacesReadsCluster: false });
  if (source === 'none')
    throw new UsageError(
      'no manifests: give them with -f (file, directory or -), -k DIR or --helm DIR, or read a live cluster with --context',
    );
  const { loaded, namespace } = await loadScoped([], flags, source, { secrets: 'none', read: 'all' });
  if (
    loaded.diagnostics.some((diagnostic) => diagnostic.level === 'error') &&
    loaded.resources.length === 0
  ) {
    for (const diagnostic of loaded.diagnostics) process.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
    throw new InputError('no usable manifests');
  }
  const inventory = buildInventory(loaded.resources, { defaultNamespace: flags.defaultNamespace });
  printDiagnostics(inventory, [...loaded.diagnostics, ...inventory.diagnostics]);
  return { inventory, namespace };
}

/** The model of the inventory under the flags (with `extraWorkloads`: pods the input lacks), its diagnostics printed. */
export function modelOf(
  inventory: Inventory,
  flags: Pick<InputFlags, 'ipblockMatchesPods' | 'hostNetwork'>,
  extraWorkloads: readonly Workload[] = [],
): NetpolModel {
  const model = buildNetpolModel(inventory, {
    ipBlockMatchesPods: flags.ipblockMatchesPods,
    hostNetwork: flags.hostNetwork,
    extraWorkloads,
  });
  printDiagnostics(inventory, netpolDiagnostics(inventory, model));
  return model;
}

/** Why a workload the input declares is not in the model: its pod spec was refused (diagnostics above). */
function leftOut(inventory: Inventory, reference: string): string | undefined {
  const parts = reference.split('/');
  const [kind, namespace, name] =
    parts.length >= 3 ? [parts[0], parts[1], parts.slice(2).join('/')] : [undefined, parts[0], parts[1]];
  const resource = inventory.resources.find(
    (candidate) =>
      candidate.name === (name ?? namespace) &&
      (name === undefined || namespaceOf(inventory, candidate) === namespace) &&
      (kind === undefined || candidate.kind.toLowerCase() === kind.toLowerCase()) &&
      !inventory.workloads.some((workload) => workload.resource === candidate) &&
      podTemplateOf(candidate, namespaceOf(inventory, candidate)) !== undefined,
  );
  return (
    resource &&
    `${resource.kind.toLowerCase()}/${namespaceOf(inventory, resource)}/${resource.name} is left out: its pod spec is invalid (see the errors above)`
  );
}

function endpointOf(model: NetpolModel, reference: string, inventory: Inventory): Endpoint {
  const address = addressEndpoint(reference);
  if (address) return address;
  const workloads = findWorkloads(model, reference);
  const invalid = workloads.length === 0 ? leftOut(inventory, reference) : undefined;
  if (invalid !== undefined) throw new InputError(invalid);
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

/** The focus flags of `matrix` and `explain`. */
export interface FocusFlags {
  readonly focusWorkload?: string;
  readonly focusPeer?: string;
  readonly direction?: Direction;
  readonly port?: string;
}

/** A workload reference (kind/namespace/name, namespace/name), or for a peer also an address or a CIDR. */
function targetOf(
  model: NetpolModel,
  reference: string,
  inventory: Inventory,
  addresses: boolean,
): FocusTarget {
  const cidr = addresses && reference.includes('/') ? parseCidr(reference) : undefined;
  if (cidr) return { type: 'addresses', range: cidr };
  const endpoint = endpointOf(model, reference, inventory);
  if (endpoint.type === 'ip') {
    if (!addresses)
      throw new UsageError(
        `--focus-workload ${reference}: give a workload (kind/namespace/name or namespace/name)`,
      );
    return { type: 'addresses', range: endpoint.range };
  }
  const names = findWorkloads(model, reference)
    .filter((workload) => model.pods.classOf.get(workload) === endpoint.podClass)
    .map(workloadName);
  return { type: 'workloads', podClass: endpoint.podClass, names };
}

/** The focus the flags ask for; undefined without --focus-workload and --focus-peer. */
function focusOf(model: NetpolModel, flags: FocusFlags, inventory: Inventory): Focus | undefined {
  if (flags.focusWorkload === undefined && flags.focusPeer === undefined) {
    if (flags.direction !== undefined)
      throw new UsageError(
        '--direction needs --focus-workload or --focus-peer: the direction is relative to the focused end',
      );
    return undefined;
  }
  return {
    workload:
      flags.focusWorkload === undefined ? undefined : targetOf(model, flags.focusWorkload, inventory, false),
    peer: flags.focusPeer === undefined ? undefined : targetOf(model, flags.focusPeer, inventory, true),
    direction: flags.direction,
  };
}

function readAssertions(file: string, maxFileSize: number): Assertion[] {
  let text: string;
  try {
    text = readRegularFileSync(file, maxFileSize).toString('utf8');
  } catch (error) {
    throw new InputError(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parseNetassert(file, text);
}

/** `kubeward netpol matrix`: who can reach whom. */
export async function netpolMatrix(
  flags: InputFlags & ControllerFlags & FocusFlags & { output: MatrixFormat },
): Promise<void> {
  const probe = parseProbe(flags.port);
  const { inventory, namespace } = await loadInventory(flags);
  const model = modelOf(inventory, flags, routeControllerPods(inventory, flags));
  const focus = focusOf(model, flags, inventory);
  const list = focus
    ? focusedConnections(model, focus, probe, namespace)
    : connectionList(
        reachabilityMatrix(model),
        namespace,
        probe && portRange(probe.protocol, probe.port, probe.port),
      );
  if (list.connections.length === 0 && namespace !== undefined && flags.namespace === undefined)
    process.stderr.write(
      `note: no connection with an end in namespace ${escapeControls(namespace)}, the context's; -n NAME or -A for others\n`,
    );
  if (isDrawingFormat(flags.output)) {
    const drawing = await renderMatrixDrawing(list, flags.output);
    for (const note of drawing.notes) process.stderr.write(`note: ${escapeControls(note)}\n`);
    process.stdout.write(drawing.text);
  } else process.stdout.write(renderConnections(list, flags.output, terminalWidth(process.stdout)));
  process.exitCode = exitCode(inventory, 0);
}

/** `kubeward netpol exposure`: what each workload is open to, named by kind, per port. */
export async function netpolExposure(
  flags: InputFlags & { output: ExposureFormat; exposedOnly: boolean; direction?: 'ingress' | 'egress' },
): Promise<void> {
  const { inventory, namespace } = await loadInventory(flags);
  const classes = exposureOf(modelOf(inventory, flags), inventory);
  const view = {
    directions: flags.direction === undefined ? (['ingress', 'egress'] as const) : [flags.direction],
    exposedOnly: flags.exposedOnly,
    namespace,
  };
  process.stdout.write(renderExposure(classes, flags.output, view, terminalWidth(process.stdout)));
  process.exitCode = exitCode(inventory, 0);
}

/**
 * `kubeward netpol explain`: the verdict for SRC → DST and the rules that decide it, or, with
 * --focus-workload / --focus-peer instead of SRC and DST, every pair the focus keeps.
 */
export async function netpolExplain(
  src: string | undefined,
  dst: string | undefined,
  port: string | undefined,
  flags: InputFlags & FocusFlags & { output: string },
): Promise<void> {
  if (port !== undefined && flags.port !== undefined)
    throw new UsageError('give the port once: as the third argument or with --port');
  const probe = parseProbe(port ?? flags.port);
  const focused = flags.focusWorkload !== undefined || flags.focusPeer !== undefined;
  if (focused && src !== undefined)
    throw new UsageError('give SRC and DST, or --focus-workload / --focus-peer, not both');
  if (!focused && dst === undefined)
    throw new UsageError(
      'give SRC and DST (kind/namespace/name, namespace/name or an IP address), or --focus-workload',
    );
  const { inventory } = await loadInventory(flags);
  const model = modelOf(inventory, flags);
  const focus = focusOf(model, flags, inventory);
  const format = flags.output === 'json' ? 'json' : 'text';
  if (focus) {
    const list = explainFocus(model, focus, probe);
    process.stdout.write(renderFocusedExplanations(list, format, terminalWidth(process.stdout)));
    process.exitCode = exitCode(inventory, 0);
    return;
  }
  const explanation = explainConnection(
    model,
    endpointOf(model, src ?? '', inventory),
    endpointOf(model, dst ?? '', inventory),
    probe,
  );
  process.stdout.write(
    format === 'json' ? `${JSON.stringify(explanation, null, 2)}\n` : renderExplanation(explanation),
  );
  process.exitCode = exitCode(inventory, explanation.allowed ? 0 : 1);
}

/** `kubeward netpol assert`: netassert assertions checked against the manifests. */
export async function netpolAssert(
  file: string,
  flags: InputFlags & { output: 'tap' | 'junit'; outputFile?: string },
): Promise<void> {
  const assertions = readAssertions(file, flags.maxFileSize);
  const { inventory } = await loadInventory(flags);
  const results = evaluateAssertions(modelOf(inventory, flags), inventory, assertions);
  const text = flags.output === 'junit' ? renderAssertJunit(results) : renderAssertTap(results);
  await writeReport(text, flags.outputFile, [
    file,
    ...pathsOf([], flags),
    ...inventory.resources.map((resource) => resource.origin.file),
  ]);
  process.exitCode = exitCode(inventory, results.some((result) => result.status === 'fail') ? 1 : 0);
}

/** `kubeward netpol generate`: default-deny, DNS egress and least-privilege allow policies. */
export async function netpolGenerate(flags: InputFlags & { flows?: string }): Promise<void> {
  const flows = flags.flows === undefined ? [] : readAssertions(flags.flows, flags.maxFileSize);
  const { inventory, namespace } = await loadInventory(flags);
  const generated = generatePolicies(modelOf(inventory, flags), inventory, flows);
  for (const reason of generated.unresolved)
    process.stderr.write(`warning: flow not generated: ${escapeControls(reason)}\n`);
  const text = generated.policies
    .filter((policy) => namespace === undefined || policy.metadata.namespace === namespace)
    .map((policy) => dump(policy, { lineWidth: -1 }))
    .join('---\n');
  process.stdout.write(text);
  const { results } = verifyGenerated(inventory, generated.policies, flows, {
    ipBlockMatchesPods: flags.ipblockMatchesPods,
  });
  const failed = results.filter((result) => result.status === 'fail');
  for (const result of failed)
    process.stderr.write(
      `warning: generated policies do not satisfy ${escapeControls(`${result.assertion.name}: ${result.reason}`)}\n`,
    );
  process.exitCode = failed.length > 0 || generated.unresolved.length > 0 ? 1 : 0;
}

/** The connections of the manifests at `path` (a file or directory), read with the flags of `diff`. */
async function connectionsAt(
  path: string,
  flags: DiffFlags,
): Promise<{ inventory: Inventory; list: ConnectionList }> {
  const { inventory } = await loadInventory({
    ...flags,
    filename: [path],
    kustomize: [],
    helm: [],
    values: [],
    set: [],
  });
  return { inventory, list: connectionList(reachabilityMatrix(modelOf(inventory, flags))) };
}

/** `kubeward netpol diff`: connections added, removed and changed between two manifest sets. */
export async function netpolDiff(
  before: string,
  after: string,
  flags: DiffFlags & { output: DiffFormat; failOnNew: boolean },
): Promise<void> {
  const earlier = await connectionsAt(before, flags);
  const later = await connectionsAt(after, flags);
  const diff = diffConnections(earlier.list, later.list);
  process.stdout.write(renderConnectionDiff(diff, flags.output));
  const code = flags.failOnNew && hasNewAccess(diff) ? 1 : 0;
  process.exitCode = Math.max(exitCode(earlier.inventory, code), exitCode(later.inventory, code));
}
