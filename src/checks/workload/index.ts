import type { Check } from '../../model/check.ts';
import { apparmorAnnotationDeprecated } from './apparmor-annotation-deprecated.ts';
import { automountServiceAccountToken } from './automount-service-account-token.ts';
import { capabilityDangerousAdded } from './capability-dangerous-added.ts';
import { capabilityNetRawNotDropped } from './capability-net-raw-not-dropped.ts';
import { cpuLimitMissing } from './cpu-limit-missing.ts';
import { cpuRequestMissing } from './cpu-request-missing.ts';
import { defaultServiceAccount } from './default-service-account.ts';
import { hostAliases } from './host-aliases.ts';
import { hostPathContainerRuntime } from './host-path-container-runtime.ts';
import { hostPathSensitive } from './host-path-sensitive.ts';
import { hostPathWritable } from './host-path-writable.ts';
import { imageDigestMissing } from './image-digest-missing.ts';
import { imagePullPolicyNotAlways } from './image-pull-policy-not-always.ts';
import { imageRegistryDeprecated } from './image-registry-deprecated.ts';
import { imageRegistryNotAllowed } from './image-registry-not-allowed.ts';
import { livenessProbeMissing } from './liveness-probe-missing.ts';
import { memoryLimitMissing } from './memory-limit-missing.ts';
import { memoryRequestMissing } from './memory-request-missing.ts';
import { privilegedPort } from './privileged-port.ts';
import { readOnlyRootFilesystem } from './read-only-root-filesystem.ts';
import { readinessProbeMissing } from './readiness-probe-missing.ts';
import { rootGroup } from './root-group.ts';
import { runAsGroupLow } from './run-as-group-low.ts';
import { runAsUserLow } from './run-as-user-low.ts';
import { seccompAnnotationDeprecated } from './seccomp-annotation-deprecated.ts';
import { securityContextMissing } from './security-context-missing.ts';
import { serviceAccountAutomount } from './service-account-automount.ts';
import { shareProcessNamespace } from './share-process-namespace.ts';
import { sshPort } from './ssh-port.ts';
import { sudoInCommand } from './sudo-in-command.ts';

/**
 * Workload hardening beyond the Pod Security Standards: Linux features, identity, service-account
 * tokens, resources, probes and images. Ordered by theme, then by how much each matters.
 */
export const WORKLOAD_CHECKS: readonly Check[] = [
  hostPathContainerRuntime,
  hostPathSensitive,
  hostPathWritable,
  capabilityDangerousAdded,
  capabilityNetRawNotDropped,
  readOnlyRootFilesystem,
  securityContextMissing,
  shareProcessNamespace,
  seccompAnnotationDeprecated,
  apparmorAnnotationDeprecated,
  rootGroup,
  runAsUserLow,
  runAsGroupLow,
  privilegedPort,
  sudoInCommand,
  automountServiceAccountToken,
  serviceAccountAutomount,
  defaultServiceAccount,
  hostAliases,
  sshPort,
  imageRegistryNotAllowed,
  imageRegistryDeprecated,
  imageDigestMissing,
  imagePullPolicyNotAlways,
  memoryLimitMissing,
  memoryRequestMissing,
  cpuLimitMissing,
  cpuRequestMissing,
  livenessProbeMissing,
  readinessProbeMissing,
];
