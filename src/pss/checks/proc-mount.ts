import type { FieldPath } from '../../model/path.ts';
import type { CheckPod, PssCheckDefinition, PssCheckResult } from '../check.ts';
import { ALLOWED } from '../check.ts';
import { joinQuote, pluralize, sortedSet } from '../format.ts';
import type { PodView } from '../pod.ts';
import { containerField, containers, containerSecurityContext, inUserNamespace } from '../pod.ts';

/** Every container's procMount unset or `Default`, whatever `hostUsers` says. */
export const procMountUnconditional: CheckPod = (pod: PodView): PssCheckResult => {
  const bad: string[] = [];
  const types: string[] = [];
  let path: FieldPath | undefined;
  for (const ref of containers(pod)) {
    const procMount = containerSecurityContext(ref)?.procMount;
    if (typeof procMount !== 'string' || procMount === 'Default') continue;
    bad.push(ref.name);
    types.push(procMount);
    path ??= containerField(ref, 'procMount');
  }
  if (bad.length === 0) return ALLOWED;
  return {
    allowed: false,
    reason: 'procMount',
    detail: `${pluralize('container', 'containers', bad.length)} ${joinQuote(bad)} must not set securityContext.procMount to ${joinQuote(sortedSet(types))}`,
    path: path ?? [],
  };
};

const procMountV1Dot35: CheckPod = (pod) => (inUserNamespace(pod) ? ALLOWED : procMountUnconditional(pod));

/**
 * Baseline `procMount` (policy/check_procMount_baseline.go): unset or `Default`; from 1.35 any value
 * when `hostUsers: false` (the gate that relaxed 1.0 earlier was alpha and is gone, so 1.0 never relaxes).
 */
export const procMount: PssCheckDefinition = {
  id: 'procMount',
  level: 'baseline',
  revisions: [
    { minimumMinor: 0, check: procMountUnconditional },
    { minimumMinor: 35, check: procMountV1Dot35 },
  ],
};
