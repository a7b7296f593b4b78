import { containersOf } from '../model/containers.ts';
import { getAt, isRecord } from '../model/path.ts';
import type { FieldPath, Mapping } from '../model/path.ts';
import type { ScoreInput, ScoreProfile } from './rule.ts';

/** Where kubesec looks for the pod spec: `spec` for a Pod, the job template's for a CronJob, else `spec.template.spec`. */
export function podSpecPathOf(kind: string): FieldPath {
  if (kind === 'Pod') return ['spec'];
  if (kind === 'CronJob') return ['spec', 'jobTemplate', 'spec', 'template', 'spec'];
  return ['spec', 'template', 'spec'];
}

/**
 * Builds what the rule predicates read. kubesec v2.14 visits init and regular containers; HEAD adds
 * ephemeral containers. A missing or malformed pod spec reads as `{}` (no container, nothing matches).
 * `located` false: the rules need not build the paths of what they match (see {@link ScoreInput}).
 */
export function scoreInputOf(
  kind: string,
  object: Mapping,
  profile: ScoreProfile,
  located = true,
): ScoreInput {
  const podSpecPath = podSpecPathOf(kind);
  const found = getAt(object, podSpecPath);
  const podSpec = isRecord(found) ? found : {};
  const all = containersOf(podSpec);
  const containers =
    profile === 'kubesec-2.14' ? all.filter(({ field }) => field !== 'ephemeralContainers') : all;
  return {
    kind,
    object,
    podSpec,
    podSpecPath,
    containers,
    regularContainers: all.filter(({ field }) => field === 'containers'),
    located,
  };
}
