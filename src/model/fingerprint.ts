import { hash } from 'node:crypto';
import type { Finding } from './finding.ts';

/**
 * A finding's identity across edits: the check, the object (kind, namespace, name; for a nameless
 * node file, its path) and the field path. Line numbers take no part, so reformatting or moving a
 * manifest keeps its findings' fingerprints. Hex SHA-256, 32 digits.
 */
export function fingerprint(finding: Finding): string {
  const { checkId, object, resource, path } = finding;
  const name = object.name !== '' ? object.name : (resource?.origin.file ?? '');
  const identity = JSON.stringify([checkId, object.kind, object.namespace, name, path]);
  return hash('sha256', identity, 'hex').slice(0, 32);
}
