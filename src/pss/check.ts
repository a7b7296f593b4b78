import type { FieldPath } from '../model/path.ts';
import type { PssLevel } from './level.ts';
import type { PodView } from './pod.ts';

/** The ids of the 19 PSA checks, spelled as upstream spells them. */
export type PssCheckId =
  | 'appArmorProfile'
  | 'capabilities_baseline'
  | 'hostNamespaces'
  | 'hostPathVolumes'
  | 'hostPorts'
  | 'hostProbesAndHostLifecycle'
  | 'privileged'
  | 'procMount'
  | 'seLinuxOptions'
  | 'seccompProfile_baseline'
  | 'sysctls'
  | 'windowsHostProcess'
  | 'allowPrivilegeEscalation'
  | 'capabilities_restricted'
  | 'procMount_restricted'
  | 'restrictedVolumes'
  | 'runAsNonRoot'
  | 'runAsUser'
  | 'seccompProfile_restricted';

/**
 * The outcome of one check on one pod. A forbidden result carries PSA's `ForbiddenReason` and
 * `ForbiddenDetail` verbatim, plus where the first offending field is (relative to the pod spec;
 * `[]` when the offence is in the metadata, as for annotations).
 */
export type PssCheckResult =
  | { readonly allowed: true }
  | {
      readonly allowed: false;
      readonly reason: string;
      readonly detail: string;
      readonly path: FieldPath;
    };

/** The allowed result, shared. */
export const ALLOWED: PssCheckResult = { allowed: true };

/** A check function: pure, reads only the pod. */
export type CheckPod = (pod: PodView) => PssCheckResult;

/** One revision of a check, in force from `minimumMinor` (v1.N) until the next revision. */
export interface PssRevision {
  readonly minimumMinor: number;
  readonly check: CheckPod;
  /** Baseline checks this restricted revision replaces at the restricted level. */
  readonly overrides?: readonly PssCheckId[];
}

/** A PSA check: its id, its level and its revisions in increasing version order. */
export interface PssCheckDefinition {
  readonly id: PssCheckId;
  readonly level: Exclude<PssLevel, 'privileged'>;
  readonly revisions: readonly PssRevision[];
}

/** `reason (detail)`, or the reason alone when the detail is empty: one entry of PSA's aggregate. */
export function formatResult(result: { readonly reason: string; readonly detail: string }): string {
  return result.detail === '' ? result.reason : `${result.reason} (${result.detail})`;
}
