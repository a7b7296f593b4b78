import { WORKLOAD_KINDS } from '../../model/workload.ts';
import type { ResourceCheck, Violation } from '../../model/check.ts';
import { podTemplateAnnotations } from './pod-annotations.ts';
import { valueText } from './value-text.ts';

const CONTAINER_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

const isAppArmorAnnotation = (key: string): boolean => key.startsWith(CONTAINER_PREFIX);

/** AppArmor moved to securityContext.appArmorProfile in 1.30; the beta annotation is deprecated. */
export const apparmorAnnotationDeprecated: ResourceCheck = {
  id: 'apparmor-annotation-deprecated',
  title: 'Deprecated AppArmor annotation',
  severity: 'low',
  theme: 'linux',
  description:
    'container.apparmor.security.beta.kubernetes.io/<container> is deprecated since Kubernetes 1.30, which made securityContext.appArmorProfile GA. The annotation still works but is slated for removal, and tools that only read the field miss it.',
  remediation:
    'Set securityContext.appArmorProfile (type: RuntimeDefault, or Localhost with localhostProfile) on the pod or container and delete the annotation.',
  nsa: ['hardening-container-environments', 'upgrading'],
  references: [
    'PSS baseline: appArmorProfile',
    'kubeaudit: apparmor',
    'Trivy: KSV002',
    'KEP-24: AppArmor GA',
  ],
  kinds: WORKLOAD_KINDS,
  target: 'resource',
  run(resource): Violation[] {
    const violations: Violation[] = [];
    for (const { key, value, path } of podTemplateAnnotations(resource, isAppArmorAnnotation)) {
      violations.push({
        path,
        message: `annotation ${key} (${valueText(value)}) is deprecated; use container "${key.slice(CONTAINER_PREFIX.length)}" securityContext.appArmorProfile`,
      });
    }
    return violations;
  },
};
