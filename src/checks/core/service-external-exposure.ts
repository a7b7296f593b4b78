import { isRecord } from '../../model/path.ts';
import type { ResourceCheck, Violation } from '../../model/check.ts';

/** NodePort and unrestricted LoadBalancer Services open the workload beyond the cluster network. */
export const serviceExternalExposure: ResourceCheck = {
  id: 'service-external-exposure',
  title: 'Service exposed outside the cluster',
  severity: 'medium',
  theme: 'network',
  description:
    'A NodePort Service listens on every node address; a LoadBalancer Service without loadBalancerSourceRanges accepts traffic from any address the load balancer reaches, usually the Internet.',
  remediation:
    'Use ClusterIP behind an Ingress or gateway, or restrict a LoadBalancer with spec.loadBalancerSourceRanges.',
  nsa: ['network-policies'],
  mitre: ['T1190', 'T1133'],
  references: [
    'kube-score: service-type',
    'KubeLinter: exposed-services',
    'Kubescape: C-0256',
    'Kubescape: C-0266',
  ],
  kinds: ['Service'],
  target: 'resource',
  run(resource): Violation[] {
    const violations: Violation[] = [];
    const spec = resource.object.spec;
    if (!isRecord(spec)) return violations;
    if (spec.type === 'NodePort') {
      violations.push({ path: ['spec', 'type'], message: 'Service of type NodePort listens on every node' });
    } else if (spec.type === 'LoadBalancer') {
      const ranges = spec.loadBalancerSourceRanges;
      if (!Array.isArray(ranges) || ranges.length === 0) {
        violations.push({
          path: ['spec', 'type'],
          message: 'Service of type LoadBalancer accepts any source address (no loadBalancerSourceRanges)',
        });
      }
    }
    return violations;
  },
};
