import type { ContainerRef } from '../model/containers.ts';
import type { FieldPath, Mapping } from '../model/path.ts';

/** The two kubesec rule sets kubeward reproduces: the v2.14.2 release and the master branch. */
export type ScoreProfile = 'kubesec-2.14' | 'kubesec-head';

/** Every profile, default first. */
export const SCORE_PROFILES: readonly ScoreProfile[] = ['kubesec-head', 'kubesec-2.14'];

/** What a rule predicate sees: the object and, for workloads, its pod template. */
export interface ScoreInput {
  readonly kind: string;
  readonly object: Mapping;
  /** The pod spec (`{}` when absent or not a mapping). */
  readonly podSpec: Mapping;
  /** Where the pod spec sits in the object: `['spec']`, `['spec','template','spec']`, ... */
  readonly podSpecPath: FieldPath;
  /**
   * Containers the securityContext rules visit: init + regular (+ ephemeral on kubesec-head).
   * Paths are relative to the pod spec.
   */
  readonly containers: readonly ContainerRef[];
  /** `spec.containers[]` only: the resource rules look nowhere else. */
  readonly regularContainers: readonly ContainerRef[];
  /**
   * Whether the rules build the paths of the fields they match. When false (a caller that needs only
   * whether each rule matched), a match's paths may all be one shared empty path.
   */
  readonly located: boolean;
}

/**
 * One kubesec rule: its public identity (`id`, `selector`, `reason`, `points`, as kubesec prints them),
 * the kinds it applies to, and a predicate returning the paths (relative to the object) of the fields
 * that made it match. An empty result means the rule did not match.
 */
export interface ScoreRule {
  readonly id: string;
  readonly selector: string;
  readonly reason: string;
  readonly points: number;
  readonly kinds: readonly string[];
  match(input: ScoreInput): readonly FieldPath[];
}

/** Pod, Deployment, StatefulSet, DaemonSet: the kinds most kubesec rules apply to. */
export const WORKLOAD_KINDS: readonly string[] = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet'];
