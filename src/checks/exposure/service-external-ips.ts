import { isRecord } from '../../model/path.ts';
import type { ResourceCheck, Violation } from '../../model/check.ts';

/** spec.externalIPs lets whoever can create a Service capture traffic to any address (CVE-2020-8554). */
export const serviceExternalIps: ResourceCheck = {
  id: 'service-external-ips',
  title: 'Service with externalIPs',
  severity: 'high',
  theme: 'network',
  description:
    'kube-proxy routes traffic for every address in spec.externalIPs to the Service, on every node. Anyone allowed to create a Service can thereby intercept traffic meant for another address, inside or outside the cluster (CVE-2020-8554, unfixable in kube-proxy); it also exposes the Service on node addresses.',
  remediation:
    'Remove spec.externalIPs; use a LoadBalancer Service or an Ingress. Block the field cluster-wide with the DenyServiceExternalIPs admission plugin.',
  nsa: ['network-policies'],
  references: [
    'Trivy: KSV108',
    'CVE-2020-8554',
    'https://kubernetes.io/docs/concepts/services-networking/service/#external-ips',
  ],
  kinds: ['Service'],
  target: 'resource',
  run(resource): Violation[] {
    const violations: Violation[] = [];
    const spec = resource.object.spec;
    const ips = isRecord(spec) ? spec.externalIPs : undefined;
    if (!Array.isArray(ips) || ips.length === 0) return violations;
    const addresses = ips.filter((ip): ip is string => typeof ip === 'string');
    violations.push({
      path: ['spec', 'externalIPs'],
      message: `Service receives traffic for external IPs ${addresses.join(', ')}`,
    });
    return violations;
  },
};
