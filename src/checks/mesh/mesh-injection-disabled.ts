import { isRecord } from '../../model/path.ts';
import type { ResourceCheck, Violation } from '../../model/check.ts';
import { MESH_SYSTEM_NAMESPACES } from './istio.ts';

/** Labels and annotations that keep a namespace's pods out of the mesh, with the value that does it. */
const NAMESPACE_OPT_OUTS: readonly (readonly ['labels' | 'annotations', string, string])[] = [
  ['labels', 'istio-injection', 'disabled'],
  ['labels', 'istio.io/dataplane-mode', 'none'],
  ['annotations', 'linkerd.io/inject', 'disabled'],
  ['labels', 'linkerd.io/inject', 'disabled'],
];

/** An application namespace opted out of the mesh runs its pods without mTLS or mesh policy. */
export const meshInjectionDisabled: ResourceCheck = {
  id: 'mesh-injection-disabled',
  title: 'Mesh injection disabled on an application namespace',
  severity: 'medium',
  theme: 'mesh',
  description:
    'The namespace turns the service mesh off for all its pods: label istio-injection: disabled, istio.io/dataplane-mode: none (ambient), or linkerd.io/inject: disabled. Its pods then talk plaintext and escape mesh authorization. System namespaces (kube-system, kube-public, kube-node-lease and the Istio and Linkerd control planes) are not checked.',
  remediation:
    'Label the namespace istio-injection: enabled (or istio.io/rev: <revision>, or istio.io/dataplane-mode: ambient), or annotate it linkerd.io/inject: enabled, and restart its workloads.',
  nsa: ['service-meshes'],
  references: ['Istio: sidecar injection', 'Linkerd: automatic proxy injection', 'Kubescape: C-0274'],
  kinds: ['Namespace'],
  target: 'resource',
  run(resource): Violation[] {
    const violations: Violation[] = [];
    if (MESH_SYSTEM_NAMESPACES.has(resource.name)) return violations;
    const metadata = resource.object.metadata;
    if (!isRecord(metadata)) return violations;
    for (const [where, key, value] of NAMESPACE_OPT_OUTS) {
      const map = metadata[where];
      if (!isRecord(map) || map[key] !== value) continue;
      violations.push({
        path: ['metadata', where, key],
        message: `Namespace "${resource.name}" disables mesh injection (${key}: ${value})`,
      });
    }
    return violations;
  },
};
