import type { Position } from '../model/position.ts';
import type { Origin } from '../model/resource.ts';

/** No line: an object read from the API server is located by its field path. */
const NOWHERE: Position = { line: 0, column: 0, endLine: 0, endColumn: 0 };

/**
 * `cluster://CONTEXT/KIND/NAMESPACE/NAME` (`cluster://CONTEXT/KIND/NAME` for a cluster-scoped
 * object), each segment percent-encoded: the address of a live object in locations and reports.
 */
export function clusterUri(
  context: string,
  kind: string,
  namespace: string | undefined,
  name: string,
): string {
  const segments = [context, kind, ...(namespace === undefined ? [] : [namespace]), name];
  return `cluster://${segments.map(encodeURIComponent).join('/')}`;
}

/** The origin of an object read from a cluster: its `cluster://` address, no lines. */
export function clusterOrigin(uri: string): Origin {
  return { file: uri, uri, document: 0, itemPath: [], locate: () => NOWHERE };
}
