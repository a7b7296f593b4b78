import type { FieldPath } from '../../model/path.ts';
import type { CheckPod, PssCheckDefinition, PssCheckResult } from '../check.ts';
import { ALLOWED } from '../check.ts';
import { joinQuote, pluralize } from '../format.ts';
import type { PodView } from '../pod.ts';
import { containerField, containers, containerSecurityContext, isWindowsPod } from '../pod.ts';

function allowPrivilegeEscalationV1Dot8(pod: PodView): PssCheckResult {
  const bad: string[] = [];
  let path: FieldPath | undefined;
  for (const ref of containers(pod)) {
    const securityContext = containerSecurityContext(ref);
    if (securityContext?.allowPrivilegeEscalation === false) continue;
    bad.push(ref.name);
    path ??= securityContext ? containerField(ref, 'allowPrivilegeEscalation') : ref.path;
  }
  if (bad.length === 0) return ALLOWED;
  return {
    allowed: false,
    reason: 'allowPrivilegeEscalation != false',
    detail: `${pluralize('container', 'containers', bad.length)} ${joinQuote(bad)} must set securityContext.allowPrivilegeEscalation=false`,
    path: path ?? [],
  };
}

const allowPrivilegeEscalationV1Dot25: CheckPod = (pod) =>
  isWindowsPod(pod) ? ALLOWED : allowPrivilegeEscalationV1Dot8(pod);

/**
 * Restricted `allowPrivilegeEscalation` (policy/check_allowPrivilegeEscalation.go): every container
 * must set it explicitly to false (from 1.8, when the field appeared); Windows pods pass from 1.25.
 */
export const allowPrivilegeEscalation: PssCheckDefinition = {
  id: 'allowPrivilegeEscalation',
  level: 'restricted',
  revisions: [
    { minimumMinor: 8, check: allowPrivilegeEscalationV1Dot8 },
    { minimumMinor: 25, check: allowPrivilegeEscalationV1Dot25 },
  ],
};
