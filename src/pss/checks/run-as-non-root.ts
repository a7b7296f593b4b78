import type { FieldPath } from '../../model/path.ts';
import type { CheckPod, PssCheckDefinition, PssCheckResult } from '../check.ts';
import { ALLOWED } from '../check.ts';
import { joinQuote, pluralize } from '../format.ts';
import type { PodView } from '../pod.ts';
import {
  containerField,
  containers,
  containerSecurityContext,
  inUserNamespace,
  podSecurityContext,
} from '../pod.ts';

function runAsNonRootV1Dot0(pod: PodView): PssCheckResult {
  const setters: string[] = [];
  let explicitPath: FieldPath | undefined;
  const podValue = podSecurityContext(pod)?.runAsNonRoot;
  if (podValue === false) {
    setters.push('pod');
    explicitPath = ['securityContext', 'runAsNonRoot'];
  }
  const podRunAsNonRoot = podValue === true;
  const explicitlyBad: string[] = [];
  const implicitlyBad: string[] = [];
  let implicitPath: FieldPath | undefined;
  for (const ref of containers(pod)) {
    const value = containerSecurityContext(ref)?.runAsNonRoot;
    if (typeof value === 'boolean') {
      if (value) continue;
      explicitlyBad.push(ref.name);
      explicitPath ??= containerField(ref, 'runAsNonRoot');
    } else if (!podRunAsNonRoot) {
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
      reason: 'runAsNonRoot != true',
      detail: `${setters.join(' and ')} must not set securityContext.runAsNonRoot=false`,
      path: explicitPath ?? [],
    };
  }
  if (implicitlyBad.length === 0) return ALLOWED;
  return {
    allowed: false,
    reason: 'runAsNonRoot != true',
    detail: `pod or ${pluralize('container', 'containers', implicitlyBad.length)} ${joinQuote(implicitlyBad)} must set securityContext.runAsNonRoot=true`,
    path: implicitPath ?? [],
  };
}

const runAsNonRootV1Dot35: CheckPod = (pod) => (inUserNamespace(pod) ? ALLOWED : runAsNonRootV1Dot0(pod));

/**
 * Restricted `runAsNonRoot` (policy/check_runAsNonRoot.go): true on the pod, or on every container;
 * an explicit false anywhere wins the message. From 1.35 pods with `hostUsers: false` pass.
 */
export const runAsNonRoot: PssCheckDefinition = {
  id: 'runAsNonRoot',
  level: 'restricted',
  revisions: [
    { minimumMinor: 0, check: runAsNonRootV1Dot0 },
    { minimumMinor: 35, check: runAsNonRootV1Dot35 },
  ],
};
