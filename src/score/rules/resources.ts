import { isRecord } from '../../model/path.ts';
import type { FieldPath } from '../../model/path.ts';
import { WORKLOAD_KINDS } from '../rule.ts';
import type { ScoreInput, ScoreRule } from '../rule.ts';
import { containerPath, NO_MATCH } from './fields.ts';

/** Regular containers (never init or ephemeral) with the key `resources.<section>.<resource>`, even null. */
function declaring(section: 'requests' | 'limits', resource: 'cpu' | 'memory') {
  const field: FieldPath = ['resources', section, resource];
  return (input: ScoreInput): readonly FieldPath[] => {
    let paths: FieldPath[] | undefined;
    for (const ref of input.regularContainers) {
      const resources = ref.container.resources;
      if (!isRecord(resources)) continue;
      const values = resources[section];
      if (isRecord(values) && resource in values) (paths ??= []).push(containerPath(input, ref, field));
    }
    return paths ?? NO_MATCH;
  };
}

/** kubesec RequestsCPU. */
export const requestsCPU: ScoreRule = {
  id: 'RequestsCPU',
  selector: 'containers[] .resources .requests .cpu',
  reason: 'Enforcing CPU requests aids a fair balancing of resources across the cluster',
  points: 1,
  kinds: WORKLOAD_KINDS,
  match: declaring('requests', 'cpu'),
};

/** kubesec LimitsCPU. */
export const limitsCPU: ScoreRule = {
  id: 'LimitsCPU',
  selector: 'containers[] .resources .limits .cpu',
  reason: 'Enforcing CPU limits prevents DOS via resource exhaustion',
  points: 1,
  kinds: WORKLOAD_KINDS,
  match: declaring('limits', 'cpu'),
};

/** kubesec RequestsMemory. */
export const requestsMemory: ScoreRule = {
  id: 'RequestsMemory',
  selector: 'containers[] .resources .requests .memory',
  reason: 'Enforcing memory requests aids a fair balancing of resources across the cluster',
  points: 1,
  kinds: WORKLOAD_KINDS,
  match: declaring('requests', 'memory'),
};

/** kubesec LimitsMemory. */
export const limitsMemory: ScoreRule = {
  id: 'LimitsMemory',
  selector: 'containers[] .resources .limits .memory',
  reason: 'Enforcing memory limits prevents DOS via resource exhaustion',
  points: 1,
  kinds: WORKLOAD_KINDS,
  match: declaring('limits', 'memory'),
};
