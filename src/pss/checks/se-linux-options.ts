import type { FieldPath, Mapping } from '../../model/path.ts';
import type { PssCheckDefinition, PssCheckResult } from '../check.ts';
import { ALLOWED } from '../check.ts';
import { joinQuote, pluralize, sortedSet } from '../format.ts';
import type { PodView } from '../pod.ts';
import {
  containerField,
  containers,
  containerSecurityContext,
  mappingAt,
  podSecurityContext,
  stringAt,
} from '../pod.ts';

const TYPES_V1_0: ReadonlySet<string> = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t']);
const TYPES_V1_31: ReadonlySet<string> = new Set([...TYPES_V1_0, 'container_engine_t']);

/** True when the pod or some container sets `securityContext.seLinuxOptions`. */
function setsSeLinuxOptions(pod: PodView): boolean {
  return (
    mappingAt(podSecurityContext(pod), 'seLinuxOptions') !== undefined ||
    containers(pod).some((ref) => mappingAt(containerSecurityContext(ref), 'seLinuxOptions') !== undefined)
  );
}

function seLinuxOptionsFor(allowedTypes: ReadonlySet<string>) {
  return (pod: PodView): PssCheckResult => {
    if (!setsSeLinuxOptions(pod)) return ALLOWED;
    const types: string[] = [];
    const set = { user: false, role: false };
    const valid = (options: Mapping): boolean => {
      let ok = true;
      const type = stringAt(options, 'type');
      if (!allowedTypes.has(type)) {
        ok = false;
        types.push(type);
      }
      if (stringAt(options, 'user') !== '') {
        ok = false;
        set.user = true;
      }
      if (stringAt(options, 'role') !== '') {
        ok = false;
        set.role = true;
      }
      return ok;
    };
    const setters: string[] = [];
    let path: FieldPath | undefined;
    const podOptions = mappingAt(podSecurityContext(pod), 'seLinuxOptions');
    if (podOptions && !valid(podOptions)) {
      setters.push('pod');
      path = ['securityContext', 'seLinuxOptions'];
    }
    const bad: string[] = [];
    for (const ref of containers(pod)) {
      const options = mappingAt(containerSecurityContext(ref), 'seLinuxOptions');
      if (!options || valid(options)) continue;
      bad.push(ref.name);
      path ??= containerField(ref, 'seLinuxOptions');
    }
    if (bad.length > 0) setters.push(`${pluralize('container', 'containers', bad.length)} ${joinQuote(bad)}`);
    if (setters.length === 0) return ALLOWED;
    const data: string[] = [];
    const distinct = sortedSet(types);
    if (distinct.length > 0)
      data.push(`${pluralize('type', 'types', distinct.length)} ${joinQuote(distinct)}`);
    if (set.user) data.push('user may not be set');
    if (set.role) data.push('role may not be set');
    return {
      allowed: false,
      reason: 'seLinuxOptions',
      detail: `${setters.join(' and ')} set forbidden securityContext.seLinuxOptions: ${data.join('; ')}`,
      path: path ?? [],
    };
  };
}

/**
 * Baseline `seLinuxOptions` (policy/check_seLinuxOptions.go): type from the allowed set (1.31 adds
 * `container_engine_t`), user and role empty; level is not checked.
 */
export const seLinuxOptions: PssCheckDefinition = {
  id: 'seLinuxOptions',
  level: 'baseline',
  revisions: [
    { minimumMinor: 0, check: seLinuxOptionsFor(TYPES_V1_0) },
    { minimumMinor: 31, check: seLinuxOptionsFor(TYPES_V1_31) },
  ],
};
