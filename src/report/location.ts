import type { Finding } from '../model/finding.ts';
import { nodeFileRef } from '../model/node-files.ts';
import type { Position } from '../model/position.ts';
import { formatPath } from '../model/path.ts';
import type { FieldPath } from '../model/path.ts';
import { apiGroup } from '../model/resource.ts';
import type { Resource } from '../model/resource.ts';
import type { ScannedObject } from './report.ts';

/** Where a finding points in the input. */
export interface Location extends Position {
  /** The file, or the `cluster://CONTEXT/KIND/NS/NAME` address of an object read from a cluster. */
  readonly file: string;
  /** 0-based document index within the file. */
  readonly document: number;
  /**
   * The field path (`spec.containers[0].image`, `''` for the whole object) of a finding on an object
   * read from a cluster, which has no lines (its line and column are 0); absent for files.
   */
  readonly field?: string;
}

/** Resolves a finding's field path to file:line:col; undefined for findings about no loaded object. */
export function locationOf(finding: Finding): Location | undefined {
  const resource = finding.resource;
  if (!resource) return undefined;
  return locationAt(resource, finding.path);
}

/** Where in a location's file a finding is: `line:column`, or the field path of a live object (`.` for all of it). */
export function placeIn(location: Location): string {
  if (location.field !== undefined) return location.field === '' ? '.' : location.field;
  return `${String(location.line)}:${String(location.column)}`;
}

/** `kind/namespace/name`, the way findings are grouped and named in every format. */
export function objectName(finding: Pick<Finding, 'object'>): string {
  const { kind, namespace, name } = finding.object;
  return namespace === '' ? `${kind}/${name}` : `${kind}/${namespace}/${name}`;
}

/** How findings name a node file that is no Kubernetes object. */
const NODE_FILE = nodeFileRef('');

/**
 * Where a finding can be shown in a file when it names no loaded object (an implied namespace, a
 * mesh-wide setting, a certificate or key file), for formats that need a place for every finding.
 */
export type Anchor = (finding: Finding) => Location | undefined;

/**
 * The anchor of every finding of a run, from the objects scanned (in input order):
 * - a finding about a loaded object points at its field (as {@link locationOf});
 * - a node file (a key, or the certificate `file#N` of a bundle) points at the start of that file;
 * - a Namespace, or an implied object in a namespace, points at the first object declared in that
 *   namespace: at its `metadata.namespace` when written, else at the object;
 * - otherwise at the first object of the same kind, then of the same API group, then of a group of
 *   the same domain (`security.istio.io` and `networking.istio.io`: a mesh-wide Istio setting points
 *   at the first Istio object), then at the first object or configuration file scanned.
 * Undefined only when nothing was scanned at all.
 */
export function anchorsOf(objects: readonly ScannedObject[]): Anchor {
  const byNamespace = new Map<string, ScannedObject>();
  const byKind = new Map<string, ScannedObject>();
  const byGroup = new Map<string, ScannedObject>();
  const byDomain = new Map<string, ScannedObject>();
  for (const scanned of objects) {
    const { object } = scanned;
    if (object.namespace !== '' && !byNamespace.has(object.namespace))
      byNamespace.set(object.namespace, scanned);
    if (!byKind.has(object.kind)) byKind.set(object.kind, scanned);
    const group = apiGroup(object.apiVersion);
    if (!byGroup.has(group)) byGroup.set(group, scanned);
    const domain = domainOf(group);
    if (domain !== undefined && !byDomain.has(domain)) byDomain.set(domain, scanned);
  }
  const first = objects[0];
  return (finding) => {
    const located = locationOf(finding);
    if (located) return located;
    const { object } = finding;
    if (object.kind === NODE_FILE.kind && object.apiVersion === NODE_FILE.apiVersion)
      return { file: nodeFilePath(object.name), document: 0, line: 1, column: 1, endLine: 1, endColumn: 1 };
    const namespace = object.kind === 'Namespace' && object.namespace === '' ? object.name : object.namespace;
    const inNamespace = byNamespace.get(namespace);
    if (inNamespace)
      return locationAt(
        inNamespace.resource,
        inNamespace.resource.namespace === undefined ? [] : ['metadata', 'namespace'],
      );
    const group = apiGroup(object.apiVersion);
    const domain = domainOf(group);
    const near =
      byKind.get(object.kind) ??
      byGroup.get(group) ??
      (domain === undefined ? undefined : byDomain.get(domain)) ??
      first;
    return near && locationAt(near.resource, []);
  };
}

/** The domain of an API group (`istio.io` for `security.istio.io`); undefined for one-label groups. */
function domainOf(group: string): string | undefined {
  const dot = group.indexOf('.');
  return dot === -1 || group.indexOf('.', dot + 1) === -1 ? undefined : group.slice(dot + 1);
}

/** The file a node file finding names: certificates are named `file#N`, the Nth of their bundle. */
function nodeFilePath(name: string): string {
  return name.replace(/#\d+$/, '');
}

/** Where a field of a loaded object is: file:line:col, or the field path of an object read from a cluster. */
export function locationAt(resource: Resource, path: FieldPath): Location {
  const { origin } = resource;
  const found = origin.locate(path);
  const position: Location =
    found.note === undefined
      ? {
          file: origin.file,
          document: origin.document,
          line: found.line,
          column: found.column,
          endLine: found.endLine,
          endColumn: found.endColumn,
        }
      : { file: origin.file, document: origin.document, ...found };
  return origin.uri === undefined ? position : { ...position, field: formatPath(path) };
}
