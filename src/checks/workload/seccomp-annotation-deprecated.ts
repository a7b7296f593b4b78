import { WORKLOAD_KINDS } from '../../model/workload.ts';
import type { ResourceCheck, Violation } from '../../model/check.ts';
import { podTemplateAnnotations } from './pod-annotations.ts';
import { valueText } from './value-text.ts';

const POD_KEY = 'seccomp.security.alpha.kubernetes.io/pod';
const CONTAINER_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

const isSeccompAnnotation = (key: string): boolean => key === POD_KEY || key.startsWith(CONTAINER_PREFIX);

/** The seccomp annotations are ignored since Kubernetes 1.27: a profile set there is not applied. */
export const seccompAnnotationDeprecated: ResourceCheck = {
  id: 'seccomp-annotation-deprecated',
  title: 'Deprecated seccomp annotation',
  severity: 'medium',
  theme: 'linux',
  description:
    'The seccomp.security.alpha.kubernetes.io/pod and container.seccomp.security.alpha.kubernetes.io/<container> annotations were deprecated in 1.19 in favour of securityContext.seccompProfile, and the kubelet stopped applying them in 1.27: a profile declared only there is silently not enforced.',
  remediation:
    'Move the profile to securityContext.seccompProfile (type: RuntimeDefault or Localhost with localhostProfile) and delete the annotation.',
  nsa: ['hardening-container-environments', 'upgrading'],
  references: [
    'PSS baseline: seccompProfile (annotations before v1.19)',
    'kubeaudit: seccomp (SeccompDeprecatedAnnotations)',
    'KEP-135: seccomp GA',
  ],
  kinds: WORKLOAD_KINDS,
  target: 'resource',
  run(resource): Violation[] {
    const violations: Violation[] = [];
    for (const { key, value, path } of podTemplateAnnotations(resource, isSeccompAnnotation)) {
      if (key === POD_KEY) {
        violations.push({
          path,
          message: `pod annotation ${key} (${valueText(value)}) is ignored; use securityContext.seccompProfile`,
        });
      } else {
        violations.push({
          path,
          message: `annotation ${key} (${valueText(value)}) is ignored; use container "${key.slice(CONTAINER_PREFIX.length)}" securityContext.seccompProfile`,
        });
      }
    }
    return violations;
  },
};
