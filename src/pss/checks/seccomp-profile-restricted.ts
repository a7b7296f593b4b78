import type { FieldPath } from '../../model/path.ts';
import type { CheckPod, PssCheckDefinition, PssCheckResult } from '../check.ts';
import { ALLOWED } from '../check.ts';
import { joinQuote, pluralize, sortedSet } from '../format.ts';
import type { PodView } from '../pod.ts';
import {
  containerField,
  containers,
  containerSecurityContext,
  isWindowsPod,
  mappingAt,
  podSecurityContext,
  stringAt,
} from '../pod.ts';
import { allowedSeccompType } from './seccomp-profile-baseline.ts';

function seccompProfileRestrictedV1Dot19(pod: PodView): PssCheckResult {
  const setters: string[] = [];
  const values: string[] = [];
  let explicitPath: FieldPath | undefined;
  let podSet = false;
  const podProfile = mappingAt(podSecurityContext(pod), 'seccompProfile');
  if (podProfile) {
    if (allowedSeccompType(stringAt(podProfile, 'type'))) podSet = true;
    else {
      setters.push('pod');
      values.push(stringAt(podProfile, 'type'));
      explicitPath = ['securityContext', 'seccompProfile', 'type'];
    }
  }
  const explicitlyBad: string[] = [];
  const implicitlyBad: string[] = [];
  let implicitPath: FieldPath | undefined;
  for (const ref of containers(pod)) {
    const profile = mappingAt(containerSecurityContext(ref), 'seccompProfile');
    if (profile) {
      if (allowedSeccompType(stringAt(profile, 'type'))) continue;
      explicitlyBad.push(ref.name);
      values.push(stringAt(profile, 'type'));
      explicitPath ??= containerField(ref, 'seccompProfile', 'type');
    } else if (!podSet) {
      implicitlyBad.push(ref.name);
      implicitPath ??= ref.path;
    }
  }
  if (explicitlyBad.length > 0) {
    setters.push(`${pluralize('container', 'containers', explicitlyBad.length)} ${joinQuote(explicitlyBad)}`);
  }
  if (setters.length > 0) {
    return {
      allowed: false,
      reason: 'seccompProfile',
      detail: `${setters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(values))}`,
      path: explicitPath ?? [],
    };
  }
  if (implicitlyBad.length === 0) return ALLOWED;
  return {
    allowed: false,
    reason: 'seccompProfile',
    detail: `pod or ${pluralize('container', 'containers', implicitlyBad.length)} ${joinQuote(implicitlyBad)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
    path: implicitPath ?? [],
  };
}

const seccompProfileRestrictedV1Dot25: CheckPod = (pod) =>
  isWindowsPod(pod) ? ALLOWED : seccompProfileRestrictedV1Dot19(pod);

/**
 * Restricted `seccompProfile_restricted` (policy/check_seccompProfile_restricted.go, 1.19): RuntimeDefault
 * or Localhost on the pod or on every container; Windows pods pass from 1.25. Replaces the baseline
 * `seccompProfile_baseline` at the restricted level (so restricted v1.0–v1.18 still checks the annotations).
 */
export const seccompProfileRestricted: PssCheckDefinition = {
  id: 'seccompProfile_restricted',
  level: 'restricted',
  revisions: [
    { minimumMinor: 19, check: seccompProfileRestrictedV1Dot19, overrides: ['seccompProfile_baseline'] },
    { minimumMinor: 25, check: seccompProfileRestrictedV1Dot25, overrides: ['seccompProfile_baseline'] },
  ],
};
