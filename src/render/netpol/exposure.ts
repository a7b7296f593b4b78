import { escapeControls } from '../../model/terminal-text.ts';
import type { ClassExposure, DirectionExposure, Exposure } from '../../netpol/exposure.ts';
import { rangeToCidrs } from '../../netpol/ip.ts';
import type { PeerSet } from '../../netpol/peer-set.ts';
import type { Direction } from '../../netpol/policy.ts';
import type { PortSet } from '../../netpol/ports.ts';
import { formatPorts, MAX_PORT } from '../../netpol/ports.ts';
import { workloadName } from '../../netpol/query.ts';
import { formatRequirements } from '../../netpol/selector-sets.ts';
import { renderColumns } from '../columns.ts';
import { jsonText } from '../json-text.ts';

/** The formats of `kubeward netpol exposure -o`. */
export const EXPOSURE_FORMATS = ['table', 'json'] as const;

/** One of {@link EXPOSURE_FORMATS}. */
export type ExposureFormat = (typeof EXPOSURE_FORMATS)[number];

/** What to print: the directions, and whether to leave out workloads that are not exposed. */
export interface ExposureView {
  readonly directions: readonly Direction[];
  readonly exposedOnly: boolean;
  /** Only the workloads of this namespace. */
  readonly namespace?: string | undefined;
}

/** `TCP 80,443 and UDP 53`, `every TCP port`, `every port`. */
export function describePorts(set: PortSet): string {
  const text = formatPorts(set);
  if (text === 'all') return 'every port';
  return (['TCP', 'UDP', 'SCTP'] as const)
    .filter((protocol) => set[protocol].length > 0)
    .map((protocol) => {
      const ranges = set[protocol];
      if (ranges.length === 1 && ranges[0]?.[0] === 1 && ranges[0][1] === MAX_PORT)
        return `every ${protocol} port`;
      return `${protocol} ${ranges.map(([first, last]) => (first === last ? `${first}` : `${first}-${last}`)).join(',')}`;
    })
    .join(' and ');
}

function scopeText(peer: PeerSet & { type: 'pods' }, namespaces: readonly string[]): string {
  const scope = peer.namespaces;
  if (scope.type === 'all') return 'any namespace';
  if (scope.type === 'own') return `its namespace ${scope.namespace}`;
  const listed = namespaces.length === 0 ? 'none in the input' : namespaces.join(', ');
  return `namespaces matching ${formatRequirements(scope.requirements)} (${listed})`;
}

/** The exposure as a sentence: `exposed to the entire cluster on TCP 8080`, `open to 0.0.0.0/0 on TCP 443`. */
export function describeExposure(exposure: Exposure, direction: Direction): string {
  const ports = describePorts(exposure.ports);
  const ingress = direction === 'ingress';
  const peer = exposure.peer;
  switch (exposure.kind) {
    case 'unrestricted':
      return ingress
        ? 'not isolated: reachable from everywhere on every port'
        : 'not isolated: may connect anywhere on every port';
    case 'everywhere':
      return `${ingress ? 'reachable from everywhere' : 'may connect anywhere'} (every pod and address) on ${ports}`;
    case 'cluster':
      return `${ingress ? 'exposed to' : 'may reach'} the entire cluster on ${ports}`;
    case 'external':
      return `${ingress ? 'open to' : 'may reach'} ${peer.type === 'addresses' ? peer.text : ''} on ${ports}`;
    default: {
      if (peer.type !== 'pods') return ports;
      const who =
        exposure.kind === 'pods'
          ? `pods matching ${formatRequirements(peer.pods)} in ${scopeText(peer, exposure.namespaces)}`
          : `every pod of ${scopeText(peer, exposure.namespaces)}`;
      return `${ingress ? 'exposed to' : 'may reach'} ${who} on ${ports}`;
    }
  }
}

function peerJson(peer: PeerSet): unknown {
  if (peer.type === 'everywhere') return { type: 'everywhere' };
  if (peer.type === 'addresses')
    return { type: 'addresses', text: peer.text, cidrs: peer.ranges.flatMap(rangeToCidrs) };
  const scope = peer.namespaces;
  return {
    type: 'pods',
    namespaces:
      scope.type === 'all'
        ? { scope: 'all' }
        : scope.type === 'own'
          ? { scope: 'own', name: scope.namespace }
          : { scope: 'selector', selector: formatRequirements(scope.requirements) },
    podSelector: formatRequirements(peer.pods),
  };
}

function directionJson(entry: DirectionExposure, direction: Direction): unknown {
  return {
    isolated: entry.isolated,
    adminPolicies: entry.admin,
    exposures: entry.exposures.map((exposure) => ({
      kind: exposure.kind,
      text: describeExposure(exposure, direction),
      ports: formatPorts(exposure.ports),
      peer: peerJson(exposure.peer),
      namespaces: exposure.namespaces,
      rules: exposure.rules,
    })),
  };
}

interface Row {
  readonly name: string;
  readonly entry: ClassExposure;
}

function rowsOf(classes: readonly ClassExposure[], view: ExposureView): Row[] {
  const rows: Row[] = [];
  for (const entry of classes) {
    if (view.exposedOnly && !entry.exposed) continue;
    if (view.namespace !== undefined && entry.podClass.namespace !== view.namespace) continue;
    for (const workload of entry.workloads) rows.push({ name: workloadName(workload), entry });
  }
  return rows.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Renders each workload's exposure: `table` (one line per kind of exposure, the sentence naming it)
 * or `json` (`{workloads: [{workload, namespace, exposed, ingress, egress}]}`, each direction with
 * `isolated`, `adminPolicies` and `exposures` of `kind`, `text`, `ports`, `peer`, `namespaces`, `rules`).
 */
export function renderExposure(
  classes: readonly ClassExposure[],
  format: ExposureFormat,
  view: ExposureView,
  width = Number.POSITIVE_INFINITY,
): string {
  const rows = rowsOf(classes, view);
  if (format === 'json')
    return jsonText({
      workloads: rows.map(({ name, entry }) => ({
        workload: name,
        namespace: entry.podClass.namespace,
        exposed: entry.exposed,
        ...Object.fromEntries(view.directions.map((d) => [d, directionJson(entry[d], d)])),
      })),
    });
  const table: string[][] = [['WORKLOAD', 'DIRECTION', 'EXPOSURE']];
  for (const { name, entry } of rows)
    for (const direction of view.directions) {
      const exposures = entry[direction].exposures;
      if (exposures.length === 0)
        table.push([name, direction, 'isolated: no peer set is allowed as a whole']);
      for (const exposure of exposures)
        table.push(
          [name, direction, describeExposure(exposure, direction)].map((cell) => escapeControls(cell)),
        );
    }
  return renderColumns(table, { width });
}
