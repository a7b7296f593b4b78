import type { PssCheckDefinition, PssCheckResult } from '../check.ts';
import { ALLOWED } from '../check.ts';
import type { PodView } from '../pod.ts';

const FIELDS = ['hostNetwork', 'hostPID', 'hostIPC'] as const;

function hostNamespacesV1Dot0(pod: PodView): PssCheckResult {
  const shared = FIELDS.filter((field) => pod.spec[field] === true);
  const first = shared[0];
  if (first === undefined) return ALLOWED;
  return {
    allowed: false,
    reason: 'host namespaces',
    detail: shared.map((field) => `${field}=true`).join(', '),
    path: [first],
  };
}

/** Baseline `hostNamespaces` (policy/check_hostNamespaces.go): hostNetwork, hostPID, hostIPC unset or false. */
export const hostNamespaces: PssCheckDefinition = {
  id: 'hostNamespaces',
  level: 'baseline',
  revisions: [{ minimumMinor: 0, check: hostNamespacesV1Dot0 }],
};
