import type { FieldPath, Mapping } from '../../model/path.ts';
import { joinQuote, pluralize } from '../format.ts';
import type { PodView } from '../pod.ts';
import {
  containerField,
  containers,
  containerSecurityContext,
  mappingAt,
  podSecurityContext,
  stringAt,
} from '../pod.ts';

/** Who sets a forbidden profile type, the types they set, and the first offending field. */
export interface ForbiddenProfileTypes {
  /** `pod`, then `container "a"` / `containers "a", "b"`, as PSA names them. */
  readonly setters: string[];
  /** The forbidden type values, in visit order (callers sort them as PSA does). */
  readonly values: string[];
  readonly path: FieldPath | undefined;
}

/** True when the pod or some container sets `securityContext.<field>.type` to a type `allowed` rejects. */
export function setsForbiddenProfileType(
  pod: PodView,
  field: 'seccompProfile' | 'appArmorProfile',
  allowed: (type: string) => boolean,
): boolean {
  const forbidden = (profile: Mapping | undefined): boolean =>
    profile !== undefined && !allowed(stringAt(profile, 'type'));
  return (
    forbidden(mappingAt(podSecurityContext(pod), field)) ||
    containers(pod).some((ref) => forbidden(mappingAt(containerSecurityContext(ref), field)))
  );
}

/**
 * Scans the pod's and each container's `securityContext.<field>.type` (seccompProfile or
 * appArmorProfile) for types `allowed` rejects, the way PSA's seccomp and AppArmor checks both do.
 */
export function forbiddenProfileTypes(
  pod: PodView,
  field: 'seccompProfile' | 'appArmorProfile',
  allowed: (type: string) => boolean,
): ForbiddenProfileTypes {
  const setters: string[] = [];
  const values: string[] = [];
  let path: FieldPath | undefined;
  const podProfile = mappingAt(podSecurityContext(pod), field);
  if (podProfile && !allowed(stringAt(podProfile, 'type'))) {
    setters.push('pod');
    values.push(stringAt(podProfile, 'type'));
    path = ['securityContext', field, 'type'];
  }
  const bad: string[] = [];
  for (const ref of containers(pod)) {
    const profile = mappingAt(containerSecurityContext(ref), field);
    if (!profile || allowed(stringAt(profile, 'type'))) continue;
    bad.push(ref.name);
    values.push(stringAt(profile, 'type'));
    path ??= containerField(ref, field, 'type');
  }
  if (bad.length > 0) setters.push(`${pluralize('container', 'containers', bad.length)} ${joinQuote(bad)}`);
  return { setters, values, path };
}
