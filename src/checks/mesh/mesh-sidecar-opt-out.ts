import { isRecord } from '../../model/path.ts';
import { podTemplateOf, WORKLOAD_KINDS } from '../../model/workload.ts';
import type { ResourceCheck, Violation } from '../../model/check.ts';
import { MESH_SYSTEM_NAMESPACES } from './istio.ts';
import { valueText } from '../workload/value-text.ts';

/** Pod-template labels and annotations that keep a pod out of the mesh, with the value that does it. */
const POD_OPT_OUTS: readonly (readonly ['labels' | 'annotations', string, string])[] = [
  ['labels', 'sidecar.istio.io/inject', 'false'],
  ['annotations', 'sidecar.istio.io/inject', 'false'],
  ['labels', 'istio.io/dataplane-mode', 'none'],
  ['annotations', 'linkerd.io/inject', 'disabled'],
];

/** A workload that opts out of its namespace's mesh talks plaintext and bypasses mesh policy. */
export const meshSidecarOptOut: ResourceCheck = {
  id: 'mesh-sidecar-opt-out',
  title: 'Workload opts out of the mesh',
  severity: 'medium',
  theme: 'mesh',
  description:
    'The pod template disables mesh injection: sidecar.istio.io/inject: "false" (label or annotation), istio.io/dataplane-mode: none, or linkerd.io/inject: disabled. The pods run without mTLS and without the mesh\'s authorization policies, even when their namespace is enrolled. Workloads in system namespaces are not checked.',
  remediation:
    'Remove the opt-out; if the workload cannot run with a proxy, isolate it with a NetworkPolicy and document why.',
  nsa: ['service-meshes'],
  references: ['Istio: sidecar injection', 'Linkerd: automatic proxy injection', 'Kubescape: C-0274'],
  kinds: WORKLOAD_KINDS,
  target: 'resource',
  run(resource, { inventory }): Violation[] {
    const violations: Violation[] = [];
    const namespace = resource.namespace ?? inventory.defaultNamespace;
    if (MESH_SYSTEM_NAMESPACES.has(namespace)) return violations;
    const template = podTemplateOf(resource, namespace);
    if (template === undefined) return violations;
    for (const [where, key, value] of POD_OPT_OUTS) {
      const map = template.podMetadata[where];
      if (!isRecord(map) || valueText(map[key]) !== value) continue;
      violations.push({
        path: [...template.metadataPath, where, key],
        message: `pod template disables mesh injection (${key}: ${value})`,
      });
    }
    return violations;
  },
};
