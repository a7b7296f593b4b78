import type { Finding } from '../model/finding.ts';
import type { Position } from '../model/position.ts';

/** Where a finding points in the input. */
export interface Location extends Position {
  readonly file: string;
  /** 0-based document index within the file. */
  readonly document: number;
}

/** Resolves a finding's field path to file:line:col; undefined for findings about no loaded object. */
export function locationOf(finding: Finding): Location | undefined {
  const resource = finding.resource;
  if (!resource) return undefined;
  const { line, column, endLine, endColumn } = resource.origin.locate(finding.path);
  return { file: resource.origin.file, document: resource.origin.document, line, column, endLine, endColumn };
}

/** `kind/namespace/name`, the way findings are grouped and named in every format. */
export function objectName(finding: Pick<Finding, 'object'>): string {
  const { kind, namespace, name } = finding.object;
  return namespace === '' ? `${kind}/${name}` : `${kind}/${namespace}/${name}`;
}
