import { WORKLOAD_KINDS } from '../../model/workload.ts';
import type { ResourceCheck, Violation } from '../../model/check.ts';
import { podTemplateAnnotations } from '../workload/pod-annotations.ts';
import { valueText } from '../workload/value-text.ts';

/** Pod annotations that route traffic around the mesh proxy. */
const BYPASS_ANNOTATIONS: ReadonlySet<string> = new Set([
  'traffic.sidecar.istio.io/excludeInboundPorts',
  'traffic.sidecar.istio.io/excludeOutboundPorts',
  'traffic.sidecar.istio.io/excludeOutboundIPRanges',
  'traffic.sidecar.istio.io/excludeInterfaces',
  'config.linkerd.io/skip-inbound-ports',
  'config.linkerd.io/skip-outbound-ports',
  'config.linkerd.io/skip-subnets',
]);

const isBypassAnnotation = (key: string): boolean => BYPASS_ANNOTATIONS.has(key);

/** Ports and ranges excluded from the proxy carry plaintext, unauthenticated traffic. */
export const meshTrafficBypass: ResourceCheck = {
  id: 'mesh-traffic-bypass',
  title: 'Traffic routed around the mesh proxy',
  severity: 'medium',
  theme: 'mesh',
  description:
    "Annotations such as traffic.sidecar.istio.io/excludeInboundPorts or config.linkerd.io/skip-inbound-ports make the pod's iptables rules skip the proxy for the listed ports or ranges. That traffic is neither encrypted nor checked against mesh authorization, so an exempted inbound port is open to any pod.",
  remediation:
    'Remove the exclusion. For protocols the proxy cannot parse, mark the port opaque (config.linkerd.io/opaque-ports, or appProtocol: tcp for Istio) instead of bypassing it.',
  nsa: ['service-meshes'],
  references: [
    'Istio: traffic.sidecar.istio.io annotations',
    'Linkerd: skip-inbound-ports',
    'Kubescape: C-0274',
  ],
  kinds: WORKLOAD_KINDS,
  target: 'resource',
  run(resource): Violation[] {
    const violations: Violation[] = [];
    for (const { key, value, path } of podTemplateAnnotations(resource, isBypassAnnotation)) {
      if (value === '' || value === null) continue;
      violations.push({
        path,
        message: `pod annotation ${key} "${valueText(value)}" sends traffic around the mesh proxy`,
      });
    }
    return violations;
  },
};
