import type { FieldPath } from '../../model/path.ts';
import type { PssCheckDefinition, PssCheckResult } from '../check.ts';
import { ALLOWED } from '../check.ts';
import { joinQuote, pluralize } from '../format.ts';
import type { PodView } from '../pod.ts';
import { containerField, containers, containerSecurityContext } from '../pod.ts';

function privilegedV1Dot0(pod: PodView): PssCheckResult {
  const bad: string[] = [];
  let path: FieldPath | undefined;
  for (const ref of containers(pod)) {
    if (containerSecurityContext(ref)?.privileged === true) {
      bad.push(ref.name);
      path ??= containerField(ref, 'privileged');
    }
  }
  if (bad.length === 0) return ALLOWED;
  return {
    allowed: false,
    reason: 'privileged',
    detail: `${pluralize('container', 'containers', bad.length)} ${joinQuote(bad)} must not set securityContext.privileged=true`,
    path: path ?? [],
  };
}

/** Baseline `privileged` (policy/check_privileged.go): no container may set privileged=true. */
export const privileged: PssCheckDefinition = {
  id: 'privileged',
  level: 'baseline',
  revisions: [{ minimumMinor: 0, check: privilegedV1Dot0 }],
};
