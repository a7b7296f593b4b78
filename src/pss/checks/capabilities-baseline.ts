import type { FieldPath } from '../../model/path.ts';
import type { PssCheckDefinition, PssCheckResult } from '../check.ts';
import { ALLOWED } from '../check.ts';
import { joinQuote, pluralize, sortedSet } from '../format.ts';
import type { PodView } from '../pod.ts';
import { containerField, containers, containerSecurityContext, listAt, mappingAt } from '../pod.ts';

/** The capabilities a container runtime grants by default: exact strings, no `CAP_` prefix, no case folding. */
const ALLOWED_V1_0: ReadonlySet<string> = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

function capabilitiesBaselineV1Dot0(pod: PodView): PssCheckResult {
  const bad: string[] = [];
  const added: string[] = [];
  let path: FieldPath | undefined;
  for (const ref of containers(pod)) {
    const capabilities = mappingAt(containerSecurityContext(ref), 'capabilities');
    if (!capabilities) continue;
    let valid = true;
    for (const [i, capability] of listAt(capabilities, 'add').entries()) {
      if (typeof capability !== 'string' || ALLOWED_V1_0.has(capability)) continue;
      valid = false;
      added.push(capability);
      path ??= containerField(ref, 'capabilities', 'add', i);
    }
    if (!valid) bad.push(ref.name);
  }
  if (bad.length === 0) return ALLOWED;
  return {
    allowed: false,
    reason: 'non-default capabilities',
    detail: `${pluralize('container', 'containers', bad.length)} ${joinQuote(bad)} must not include ${joinQuote(sortedSet(added))} in securityContext.capabilities.add`,
    path: path ?? [],
  };
}

/** Baseline `capabilities_baseline` (policy/check_capabilities_baseline.go): add only from the default set. */
export const capabilitiesBaseline: PssCheckDefinition = {
  id: 'capabilities_baseline',
  level: 'baseline',
  revisions: [{ minimumMinor: 0, check: capabilitiesBaselineV1Dot0 }],
};
