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

function runAsUserV1Dot23(pod: PodView): PssCheckResult {
  const setters: string[] = [];
  let path: FieldPath | undefined;
  if (podSecurityContext(pod)?.runAsUser === 0) {
    setters.push('pod');
    path = ['securityContext', 'runAsUser'];
  }
  const bad: string[] = [];
  for (const ref of containers(pod)) {
    if (containerSecurityContext(ref)?.runAsUser !== 0) continue;
    bad.push(ref.name);
    path ??= containerField(ref, 'runAsUser');
  }
  if (bad.length > 0) setters.push(`${pluralize('container', 'containers', bad.length)} ${joinQuote(bad)}`);
  if (setters.length === 0) return ALLOWED;
  return {
    allowed: false,
    reason: 'runAsUser=0',
    detail: `${setters.join(' and ')} must not set runAsUser=0`,
    path: path ?? [],
  };
}

const runAsUserV1Dot35: CheckPod = (pod) => (inUserNamespace(pod) ? ALLOWED : runAsUserV1Dot23(pod));

/** Restricted `runAsUser` (policy/check_runAsUser.go, 1.23): no runAsUser 0; from 1.35 `hostUsers: false` pods pass. */
export const runAsUser: PssCheckDefinition = {
  id: 'runAsUser',
  level: 'restricted',
  revisions: [
    { minimumMinor: 23, check: runAsUserV1Dot23 },
    { minimumMinor: 35, check: runAsUserV1Dot35 },
  ],
};
