import type { PssCheckDefinition, PssCheckResult } from '../check.ts';
import { ALLOWED } from '../check.ts';
import { goQuote, joinQuote, pluralize, sortedSet } from '../format.ts';
import type { PodView } from '../pod.ts';
import { forbiddenProfileTypes, setsForbiddenProfileType } from './profile-types.ts';
import { annotationsOf, mappingAt } from '../pod.ts';

const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

const allowedType = (type: string): boolean => type === 'RuntimeDefault' || type === 'Localhost';
const allowedAnnotation = (value: string): boolean =>
  value === '' || value === 'runtime/default' || value.startsWith('localhost/');

/** True when some beta AppArmor annotation has a forbidden value. */
function hasForbiddenAnnotation(pod: PodView): boolean {
  const annotations = mappingAt(pod.metadata, 'annotations');
  if (annotations === undefined) return false;
  for (const key of Object.keys(annotations)) {
    const value = annotations[key];
    if (typeof value === 'string' && key.startsWith(ANNOTATION_PREFIX) && !allowedAnnotation(value))
      return true;
  }
  return false;
}

function appArmorProfileV1Dot0(pod: PodView): PssCheckResult {
  if (!setsForbiddenProfileType(pod, 'appArmorProfile', allowedType) && !hasForbiddenAnnotation(pod))
    return ALLOWED;
  const { setters, values, path } = forbiddenProfileTypes(pod, 'appArmorProfile', allowedType);
  const annotations: string[] = [];
  for (const [key, value] of annotationsOf(pod)) {
    if (key.startsWith(ANNOTATION_PREFIX) && !allowedAnnotation(value))
      annotations.push(`${key}=${goQuote(value)}`);
  }
  const badValues = sortedSet(values);
  if (annotations.length > 0) {
    for (const annotation of sortedSet(annotations)) badValues.push(annotation);
    setters.push(pluralize('annotation', 'annotations', annotations.length));
  }
  if (setters.length === 0) return ALLOWED;
  return {
    allowed: false,
    reason: pluralize('forbidden AppArmor profile', 'forbidden AppArmor profiles', badValues.length),
    detail: `${setters.join(' and ')} must not set AppArmor profile type to ${joinQuote(badValues)}`,
    path: path ?? [],
  };
}

/**
 * Baseline `appArmorProfile` (policy/check_appArmorProfile.go): one revision covering the pod and
 * container `appArmorProfile.type` fields (RuntimeDefault, Localhost) and the beta annotations
 * (empty, `runtime/default`, `localhost/*`). Annotation values print as `key="value"` inside quotes.
 */
export const appArmorProfile: PssCheckDefinition = {
  id: 'appArmorProfile',
  level: 'baseline',
  revisions: [{ minimumMinor: 0, check: appArmorProfileV1Dot0 }],
};
