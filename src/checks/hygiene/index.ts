import type { Check } from '../../model/check.ts';
import { defaultNamespace } from './default-namespace.ts';
import { deprecatedApiVersion } from './deprecated-api-version.ts';
import { deprecatedServiceAccountField } from './deprecated-service-account-field.ts';
import { duplicateEnvVar } from './duplicate-env-var.ts';
import { nakedPod } from './naked-pod.ts';
import { selectorTemplateMismatch } from './selector-template-mismatch.ts';
import { workloadInKubeSystem } from './workload-in-kube-system.ts';

/** Manifest hygiene: namespaces, API versions, controllers, duplicated and deprecated fields. */
export const HYGIENE_CHECKS: readonly Check[] = [
  defaultNamespace,
  workloadInKubeSystem,
  deprecatedApiVersion,
  nakedPod,
  selectorTemplateMismatch,
  duplicateEnvVar,
  deprecatedServiceAccountField,
];
