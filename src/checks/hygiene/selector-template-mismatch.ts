import { labelsOf, selectorMatches } from '../../model/label-selector.ts';
import { getAt, isRecord } from '../../model/path.ts';
import type { ResourceCheck, Violation } from '../../model/check.ts';

const TEMPLATE_LABELS = ['template', 'metadata', 'labels'];

/** A controller whose selector does not match its own template is rejected, or adopts other pods. */
export const selectorTemplateMismatch: ResourceCheck = {
  id: 'selector-template-mismatch',
  title: 'Selector does not match the pod template',
  severity: 'medium',
  theme: 'config',
  description:
    "spec.selector of a Deployment, ReplicaSet, StatefulSet or DaemonSet must select the labels of spec.template. When it does not, the API server rejects the object; with a selector broader than intended, the controller adopts and kills other workloads' pods, and NetworkPolicies written for the template labels miss.",
  remediation: 'Make spec.selector.matchLabels a subset of spec.template.metadata.labels.',
  references: [
    'kube-score: deployment-pod-selector-labels-match-template-metadata-labels',
    'KubeLinter: mismatching-selector',
    'Kubescape: C-0296',
  ],
  kinds: ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet'],
  target: 'resource',
  run(resource): Violation[] {
    const violations: Violation[] = [];
    const spec = resource.object.spec;
    if (!isRecord(spec) || !isRecord(spec.selector)) return violations;
    const labels = labelsOf(getAt(spec, TEMPLATE_LABELS));
    if (selectorMatches(spec.selector, labels)) return violations;
    violations.push({
      path: ['spec', 'selector'],
      message: `${resource.kind} selector does not match its pod template labels`,
    });
    return violations;
  },
};
