import type { CheckPod, PssCheckDefinition, PssCheckId } from './check.ts';
import { allowPrivilegeEscalation } from './checks/allow-privilege-escalation.ts';
import { appArmorProfile } from './checks/app-armor-profile.ts';
import { capabilitiesBaseline } from './checks/capabilities-baseline.ts';
import { capabilitiesRestricted } from './checks/capabilities-restricted.ts';
import { hostNamespaces } from './checks/host-namespaces.ts';
import { hostPathVolumes } from './checks/host-path-volumes.ts';
import { hostPorts } from './checks/host-ports.ts';
import { hostProbesAndHostLifecycle } from './checks/host-probes-and-host-lifecycle.ts';
import { privileged } from './checks/privileged.ts';
import { procMount } from './checks/proc-mount.ts';
import { procMountRestricted } from './checks/proc-mount-restricted.ts';
import { restrictedVolumes } from './checks/restricted-volumes.ts';
import { runAsNonRoot } from './checks/run-as-non-root.ts';
import { runAsUser } from './checks/run-as-user.ts';
import { seLinuxOptions } from './checks/se-linux-options.ts';
import { seccompProfileBaseline } from './checks/seccomp-profile-baseline.ts';
import { seccompProfileRestricted } from './checks/seccomp-profile-restricted.ts';
import { sysctls } from './checks/sysctls.ts';
import { windowsHostProcess } from './checks/windows-host-process.ts';
import { compareBytes } from './format.ts';
import type { PssLevel } from './level.ts';
import { MAX_POLICY_MINOR } from './version.ts';

/** The 19 PSA checks (12 baseline, 7 restricted) as of policy v1.37. */
export const PSS_CHECK_DEFINITIONS: readonly PssCheckDefinition[] = [
  appArmorProfile,
  capabilitiesBaseline,
  hostNamespaces,
  hostPathVolumes,
  hostPorts,
  hostProbesAndHostLifecycle,
  privileged,
  procMount,
  seLinuxOptions,
  seccompProfileBaseline,
  sysctls,
  windowsHostProcess,
  allowPrivilegeEscalation,
  capabilitiesRestricted,
  procMountRestricted,
  restrictedVolumes,
  runAsNonRoot,
  runAsUser,
  seccompProfileRestricted,
];

/** One check as it runs at a level and version: which revision, of which check. */
export interface ActiveCheck {
  readonly definition: PssCheckDefinition;
  readonly check: CheckPod;
}

const byId = (a: PssCheckDefinition, b: PssCheckDefinition): number => compareBytes(a.id, b.id);
const ORDERED: readonly PssCheckDefinition[] = [
  ...PSS_CHECK_DEFINITIONS.filter((definition) => definition.level === 'baseline').sort(byId),
  ...PSS_CHECK_DEFINITIONS.filter((definition) => definition.level === 'restricted').sort(byId),
];

/** The revision of a check in force at policy v1.`minor`: the newest whose minimum is not newer. */
function revisionAt(definition: PssCheckDefinition, minor: number) {
  let found: PssCheckDefinition['revisions'][number] | undefined;
  for (const revision of definition.revisions) if (revision.minimumMinor <= minor) found = revision;
  return found;
}

const cache = new Map<string, readonly ActiveCheck[]>();

/**
 * The checks PSA runs at `level` and policy v1.`minor` (already clamped), in PSA's message order:
 * baseline ids sorted byte-wise, then restricted ids. Restricted runs every baseline check except
 * those named in the `overrides` of a restricted revision in force at that version. Privileged runs none.
 */
export function activeChecks(level: PssLevel, minor: number): readonly ActiveCheck[] {
  const key = `${level}:${String(Math.min(minor, MAX_POLICY_MINOR))}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const inForce = ORDERED.flatMap((definition) => {
    const revision = revisionAt(definition, minor);
    return revision ? [{ definition, revision }] : [];
  });
  const overridden = new Set<PssCheckId>(
    inForce.flatMap(({ definition, revision }) =>
      definition.level === 'restricted' ? (revision.overrides ?? []) : [],
    ),
  );
  const active: ActiveCheck[] =
    level === 'privileged'
      ? []
      : inForce
          .filter(({ definition }) =>
            level === 'baseline'
              ? definition.level === 'baseline'
              : definition.level === 'restricted' || !overridden.has(definition.id),
          )
          .map(({ definition, revision }) => ({ definition, check: revision.check }));
  cache.set(key, active);
  return active;
}
