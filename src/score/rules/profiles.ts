import type { FieldPath } from '../../model/path.ts';
import { WORKLOAD_KINDS } from '../rule.ts';
import type { ScoreInput, ScoreRule } from '../rule.ts';
import { annotationsOf, inheritedWhere } from './fields.ts';

const SEL_SECCOMP = profileSelector('seccompProfile');
const SEL_APPARMOR = profileSelector('appArmorProfile');

function profileSelector(field: string): string {
  return [
    '.spec .securityContext',
    '.spec .containers[] .securityContext',
    '.spec .initContainers[] .securityContext',
    '.spec .ephemeralContainers[] .securityContext',
  ]
    .map((prefix) => `${prefix} .${field} .type`)
    .join(' | ');
}

const isString = (value: unknown): boolean => typeof value === 'string';

/** Containers whose effective `<field>.type` (own, else the pod's) is a string that is, or is not, `Unconfined`. */
function profileType(field: string, unconfined: boolean): (input: ScoreInput) => readonly FieldPath[] {
  const path: FieldPath = [field, 'type'];
  const test = (type: unknown): boolean => (type === 'Unconfined') === unconfined;
  return (input) => inheritedWhere(input, path, isString, test);
}

/** kubesec HEAD SeccompAny: a seccomp profile other than `Unconfined` applies to some container. */
export const seccompAny: ScoreRule = {
  id: 'SeccompAny',
  selector: SEL_SECCOMP,
  reason: 'Seccomp profiles set minimum privilege and secure against unknown threats',
  points: 1,
  kinds: WORKLOAD_KINDS,
  match: profileType('seccompProfile', false),
};

/** kubesec HEAD SeccompUnconfined: the `Unconfined` seccomp profile applies to some container. */
export const seccompUnconfined: ScoreRule = {
  id: 'SeccompUnconfined',
  selector: SEL_SECCOMP,
  reason: 'Unconfined Seccomp profiles have full system call access',
  points: -1,
  kinds: WORKLOAD_KINDS,
  match: profileType('seccompProfile', true),
};

/** kubesec HEAD ApparmorAny: an AppArmor profile other than `Unconfined` applies to some container. */
export const apparmorAny: ScoreRule = {
  id: 'ApparmorAny',
  selector: SEL_APPARMOR,
  reason: 'Well defined AppArmor policies may provide greater protection from unknown threats.',
  points: 3,
  kinds: WORKLOAD_KINDS,
  match: profileType('appArmorProfile', false),
};

/** kubesec HEAD ApparmorUnconfined: the `Unconfined` AppArmor profile applies to some container. */
export const apparmorUnconfined: ScoreRule = {
  id: 'ApparmorUnconfined',
  selector: SEL_APPARMOR,
  reason: 'Unconfined AppArmor profiles disable AppArmor enforcement on the workloads',
  points: -1,
  kinds: WORKLOAD_KINDS,
  match: profileType('appArmorProfile', true),
};

const SECCOMP_POD = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_KEY = /seccomp\.security\.alpha\.kubernetes\.io\/[a-zA-Z\-.]+$/;
const APPARMOR_KEY = /^container\.apparmor\.security\.beta\.kubernetes\.io\/[a-zA-Z\-.]+$/;

/**
 * kubesec v2.14 reads the object's own top-level annotations (never the pod template's): the pod-wide
 * seccomp annotation decides when present, otherwise any per-container one. A value of `unconfined`
 * (the pod-wide one only needs to start with it, as kubesec searches the printed map) is Unconfined.
 */
function annotated(key: RegExp, podKey: string | undefined, unconfined: boolean) {
  return (input: ScoreInput): readonly FieldPath[] => {
    const annotations = annotationsOf(input.object);
    const at = (name: string): FieldPath => ['metadata', 'annotations', name];
    if (podKey !== undefined && podKey in annotations) {
      const value = String(annotations[podKey]);
      return value.startsWith('unconfined') === unconfined ? [at(podKey)] : [];
    }
    return Object.keys(annotations)
      .filter((name) => key.test(name) && (String(annotations[name]) === 'unconfined') === unconfined)
      .map(at);
  };
}

/** kubesec v2.14 SeccompAny (annotation-based). */
export const seccompAnyAnnotation: ScoreRule = {
  ...seccompAny,
  selector: '.metadata .annotations ."container.seccomp.security.alpha.kubernetes.io/pod"',
  match: annotated(SECCOMP_KEY, SECCOMP_POD, false),
};

/** kubesec v2.14 SeccompUnconfined (annotation-based). */
export const seccompUnconfinedAnnotation: ScoreRule = {
  ...seccompUnconfined,
  selector: '.metadata .annotations ."container.seccomp.security.alpha.kubernetes.io/pod"',
  match: annotated(SECCOMP_KEY, SECCOMP_POD, true),
};

/** kubesec v2.14 ApparmorAny (annotation-based, with the release's "NOT PRODUCTION READY" reason). */
export const apparmorAnyAnnotation: ScoreRule = {
  ...apparmorAny,
  selector: '.metadata .annotations ."container.apparmor.security.beta.kubernetes.io/nginx"',
  reason:
    'Well defined AppArmor policies may provide greater protection from unknown threats. WARNING: NOT PRODUCTION READY',
  match: annotated(APPARMOR_KEY, undefined, false),
};
