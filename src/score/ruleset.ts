import type { ScoreProfile, ScoreRule } from './rule.ts';
import { bindingsToSystemAnonymous } from './rules/bindings.ts';
import {
  automountServiceAccountToken,
  hostAliases,
  hostIPC,
  hostNetwork,
  hostPID,
  hostUsers,
  serviceAccountName,
} from './rules/pod-spec.ts';
import {
  apparmorAny,
  apparmorAnyAnnotation,
  apparmorUnconfined,
  seccompAny,
  seccompAnyAnnotation,
  seccompUnconfined,
  seccompUnconfinedAnnotation,
} from './rules/profiles.ts';
import { limitsCPU, limitsMemory, requestsCPU, requestsMemory } from './rules/resources.ts';
import { secretsAsEnvironmentVariables } from './rules/secrets.ts';
import {
  allowPrivilegeEscalation,
  capDropAll,
  capDropAny,
  capSysAdmin,
  privileged,
  readOnlyRootFilesystem,
  runAsGroup,
  runAsNonRoot,
  runAsUser,
} from './rules/security-context.ts';
import { volumeClaimAccessModeReadWriteOnce, volumeClaimRequestsStorage } from './rules/statefulset.ts';
import { dockerSock, procMount } from './rules/volumes.ts';

const COMMON: readonly ScoreRule[] = [
  hostNetwork,
  hostPID,
  hostIPC,
  readOnlyRootFilesystem,
  runAsNonRoot,
  runAsUser,
  runAsGroup,
  privileged,
  capSysAdmin,
  capDropAny,
  capDropAll,
  dockerSock,
  procMount,
  requestsCPU,
  limitsCPU,
  requestsMemory,
  limitsMemory,
  serviceAccountName,
  hostAliases,
];

const TAIL: readonly ScoreRule[] = [
  volumeClaimAccessModeReadWriteOnce,
  volumeClaimRequestsStorage,
  allowPrivilegeEscalation,
  automountServiceAccountToken,
];

/** kubesec v2.14.2: 26 rules; seccomp and AppArmor read from the object's annotations. */
const KUBESEC_2_14: readonly ScoreRule[] = [
  ...COMMON,
  seccompAnyAnnotation,
  seccompUnconfinedAnnotation,
  apparmorAnyAnnotation,
  ...TAIL,
];

/** kubesec master (a59caad): 30 rules; seccomp and AppArmor read from securityContext. */
const KUBESEC_HEAD: readonly ScoreRule[] = [
  ...COMMON,
  seccompAny,
  seccompUnconfined,
  apparmorAny,
  apparmorUnconfined,
  ...TAIL,
  hostUsers,
  secretsAsEnvironmentVariables,
  bindingsToSystemAnonymous,
];

/** The rules of a profile, in kubesec's ruleset order (reports are sorted anyway). */
export function rulesOf(profile: ScoreProfile): readonly ScoreRule[] {
  return profile === 'kubesec-2.14' ? KUBESEC_2_14 : KUBESEC_HEAD;
}

const byProfileAndKind = new Map<ScoreProfile, Map<string, readonly ScoreRule[]>>();

/** The rules of a profile that apply to `kind` (kubesec matches the exact kind), in ruleset order. */
export function rulesForKind(profile: ScoreProfile, kind: string): readonly ScoreRule[] {
  let byKind = byProfileAndKind.get(profile);
  if (!byKind) byProfileAndKind.set(profile, (byKind = new Map<string, readonly ScoreRule[]>()));
  let rules = byKind.get(kind);
  if (!rules) byKind.set(kind, (rules = rulesOf(profile).filter((rule) => rule.kinds.includes(kind))));
  return rules;
}

/** Every rule id of a profile, sorted as `kubesec print-rules` lists them. */
export function ruleIds(profile: ScoreProfile = 'kubesec-head'): readonly string[] {
  return rulesOf(profile)
    .map((rule) => rule.id)
    .sort();
}
