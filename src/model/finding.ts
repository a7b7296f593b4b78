import type { FieldPath } from './path.ts';
import type { Resource } from './resource.ts';
import type { Severity } from './severity.ts';
import type { Theme } from './theme.ts';

/** What a finding is about, named the kubectl way. `namespace` is '' for cluster-scoped objects. */
export interface ObjectRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

/** Why a finding does not count: an annotation on the object, the config file or a baseline, with the reason. */
export interface Suppression {
  readonly by: 'annotation' | 'config' | 'baseline';
  readonly reason: string;
}

/**
 * One problem found by one check. Findings are plain data: the field path is resolved to a line and
 * column only when a renderer needs it (through `resource.origin.locate`).
 */
export interface Finding {
  readonly checkId: string;
  readonly severity: Severity;
  readonly theme: Theme;
  readonly message: string;
  readonly remediation: string;
  readonly object: ObjectRef;
  /** The loaded object, when the finding is about one (absent for an implied namespace, a live probe, ...). */
  readonly resource: Resource | undefined;
  /** Path of the offending field inside `resource.object` (`[]` for the object as a whole). */
  readonly path: FieldPath;
  readonly suppressed: Suppression | undefined;
  /** A known fix: the value the finding's field should hold (a tag pinned to the digest it resolves to). */
  readonly fix?: Fix | undefined;
}

/** A change that fixes a finding: the new value of its field, and what it does. */
export interface Fix {
  readonly description: string;
  /** The field's new value, as it is written in YAML (`registry/app:1.2@sha256:…`). */
  readonly value: string;
}
