import type { PssCheckDefinition, PssCheckResult } from '../check.ts';
import { ALLOWED } from '../check.ts';
import { goQuote, joinQuote, pluralize, sortedSet } from '../format.ts';
import type { PodView } from '../pod.ts';
import { forbiddenProfileTypes, setsForbiddenProfileType } from './profile-types.ts';
import { annotationsOf, containers } from '../pod.ts';

const POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

const allowedAnnotation = (value: string): boolean =>
  value === 'runtime/default' || value === 'docker/default' || value.startsWith('localhost/');

/** True for the seccomp profile types PSA accepts: `RuntimeDefault` and `Localhost`. */
export const allowedSeccompType = (type: string): boolean =>
  type === 'RuntimeDefault' || type === 'Localhost';

function seccompProfileBaselineV1Dot0(pod: PodView): PssCheckResult {
  const annotations = annotationsOf(pod);
  const forbidden: string[] = [];
  const check = (key: string): void => {
    const value = annotations.get(key);
    if (value !== undefined && !allowedAnnotation(value)) forbidden.push(`${key}=${goQuote(value)}`);
  };
  check(POD_ANNOTATION);
  for (const ref of containers(pod)) check(CONTAINER_ANNOTATION_PREFIX + ref.name);
  if (forbidden.length === 0) return ALLOWED;
  const distinct = sortedSet(forbidden);
  return {
    allowed: false,
    reason: 'seccompProfile',
    detail: `forbidden ${pluralize('annotation', 'annotations', distinct.length)} ${distinct.join(', ')}`,
    path: [],
  };
}

function seccompProfileBaselineV1Dot19(pod: PodView): PssCheckResult {
  if (!setsForbiddenProfileType(pod, 'seccompProfile', allowedSeccompType)) return ALLOWED;
  const { setters, values, path } = forbiddenProfileTypes(pod, 'seccompProfile', allowedSeccompType);
  if (setters.length === 0) return ALLOWED;
  return {
    allowed: false,
    reason: 'seccompProfile',
    detail: `${setters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(values))}`,
    path: path ?? [],
  };
}

/**
 * Baseline `seccompProfile_baseline` (policy/check_seccompProfile_baseline.go): before 1.19 the alpha
 * annotations (pod, and one per existing container) must be `runtime/default`, `docker/default` or
 * `localhost/*`; from 1.19 the pod and container `seccompProfile.type`, when set, must not be Unconfined.
 */
export const seccompProfileBaseline: PssCheckDefinition = {
  id: 'seccompProfile_baseline',
  level: 'baseline',
  revisions: [
    { minimumMinor: 0, check: seccompProfileBaselineV1Dot0 },
    { minimumMinor: 19, check: seccompProfileBaselineV1Dot19 },
  ],
};
