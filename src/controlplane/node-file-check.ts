import type { CheckMeta, InventoryCheck } from '../model/check.ts';
import type { ObjectRef } from '../model/finding.ts';
import type { Settings } from '../model/settings.ts';
import type { NodeFiles } from './node-files.ts';

/** A problem in a certificate or key file: which file, and what, in one sentence. */
export interface NodeFileViolation {
  readonly file: string;
  readonly message: string;
}

/**
 * A check over the PEM files of a node (they are not Kubernetes objects, so not in the inventory).
 * `now` is passed in so the check stays pure.
 */
export interface NodeFileCheck extends CheckMeta {
  inspect(files: NodeFiles, settings: Settings, now: Date): Iterable<NodeFileViolation>;
}

/**
 * Binds node-file checks to the files read from one node, as inventory checks the ordinary runner
 * and report understand. Findings name the file as a `NodeFile` object (no resource, path []).
 */
export function bindNodeFileChecks(
  checks: readonly NodeFileCheck[],
  files: NodeFiles,
  now: Date,
): readonly InventoryCheck[] {
  return checks.map((check) => ({
    id: check.id,
    title: check.title,
    severity: check.severity,
    theme: check.theme,
    description: check.description,
    remediation: check.remediation,
    references: check.references,
    reads: "the certificate and key files (`*.crt`, `*.pem`, `*.cert`, `*.key`) of a node's directories",
    target: 'inventory',
    *run({ settings }) {
      for (const violation of check.inspect(files, settings, now))
        yield {
          resource: undefined,
          object: nodeFileRef(violation.file),
          path: [],
          message: violation.message,
        };
    },
  }));
}

/** How findings name a node file that is not a Kubernetes object: a `NodeFile` named by its path. */
export function nodeFileRef(file: string): ObjectRef {
  return { apiVersion: 'kubeward.io/v1alpha1', kind: 'NodeFile', namespace: '', name: file };
}
