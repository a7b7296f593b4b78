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
  listAt,
  mappingAt,
} from '../pod.ts';

function capabilitiesRestrictedV1Dot22(pod: PodView): PssCheckResult {
  const missingDropAll: string[] = [];
  const addingForbidden: string[] = [];
  const forbidden: string[] = [];
  let path: FieldPath | undefined;
  for (const ref of containers(pod)) {
    const capabilities = mappingAt(containerSecurityContext(ref), 'capabilities');
    if (!capabilities) {
      missingDropAll.push(ref.name);
      path ??= containerSecurityContext(ref) ? containerField(ref) : ref.path;
      continue;
    }
    if (!listAt(capabilities, 'drop').includes('ALL')) {
      missingDropAll.push(ref.name);
      path ??= containerField(ref, 'capabilities');
    }
    let addedForbidden = false;
    for (const [i, capability] of listAt(capabilities, 'add').entries()) {
      if (typeof capability !== 'string' || capability === 'NET_BIND_SERVICE') continue;
      addedForbidden = true;
      forbidden.push(capability);
      path ??= containerField(ref, 'capabilities', 'add', i);
    }
    if (addedForbidden) addingForbidden.push(ref.name);
  }
  const details: string[] = [];
  if (missingDropAll.length > 0) {
    details.push(
      `${pluralize('container', 'containers', missingDropAll.length)} ${joinQuote(missingDropAll)} must set securityContext.capabilities.drop=["ALL"]`,
    );
  }
  if (addingForbidden.length > 0) {
    details.push(
      `${pluralize('container', 'containers', addingForbidden.length)} ${joinQuote(addingForbidden)} must not include ${joinQuote(sortedSet(forbidden))} in securityContext.capabilities.add`,
    );
  }
  if (details.length === 0) return ALLOWED;
  return {
    allowed: false,
    reason: 'unrestricted capabilities',
    detail: details.join('; '),
    path: path ?? [],
  };
}

const capabilitiesRestrictedV1Dot25: CheckPod = (pod) =>
  isWindowsPod(pod) ? ALLOWED : capabilitiesRestrictedV1Dot22(pod);

/**
 * Restricted `capabilities_restricted` (policy/check_capabilities_restricted.go, 1.22): drop must
 * contain `ALL`, add may hold only `NET_BIND_SERVICE`; Windows pods pass from 1.25. Replaces the
 * baseline `capabilities_baseline` at the restricted level.
 */
export const capabilitiesRestricted: PssCheckDefinition = {
  id: 'capabilities_restricted',
  level: 'restricted',
  revisions: [
    { minimumMinor: 22, check: capabilitiesRestrictedV1Dot22, overrides: ['capabilities_baseline'] },
    { minimumMinor: 25, check: capabilitiesRestrictedV1Dot25, overrides: ['capabilities_baseline'] },
  ],
};
