import { isRecord } from '../../model/path.ts';
import type { ResourceCheck, Violation } from '../../model/check.ts';
import { valueText } from '../workload/value-text.ts';

/** Gateway API listeners that carry application traffic unencrypted. */
const PLAINTEXT_PROTOCOLS: ReadonlySet<string> = new Set(['HTTP', 'TCP', 'UDP']);

/** A Gateway listener without TLS sends the requests it accepts in clear text. */
export const gatewayListenerPlaintext: ResourceCheck = {
  id: 'gateway-listener-plaintext',
  title: 'Gateway listener without TLS',
  severity: 'low',
  theme: 'tls',
  description:
    'A Gateway API listener with protocol HTTP, TCP or UDP accepts traffic without TLS. A listener on port 80 that only redirects to HTTPS is common and acceptable; suppress the finding on that Gateway with a reason.',
  remediation:
    'Use protocol HTTPS or TLS with certificateRefs (cert-manager can issue them), and keep plain HTTP only for a redirect to HTTPS.',
  nsa: ['encryption'],
  references: ['Gateway API: Listener.protocol', 'Kubescape: C-0263'],
  kinds: ['Gateway'],
  target: 'resource',
  run(resource): Violation[] {
    const violations: Violation[] = [];
    if (!resource.apiVersion.startsWith('gateway.networking.k8s.io/')) return violations;
    const spec = resource.object.spec;
    const listeners = isRecord(spec) && Array.isArray(spec.listeners) ? spec.listeners : [];
    for (const [index, listener] of listeners.entries()) {
      if (!isRecord(listener) || typeof listener.protocol !== 'string') continue;
      if (!PLAINTEXT_PROTOCOLS.has(listener.protocol)) continue;
      violations.push({
        path: ['spec', 'listeners', index, 'protocol'],
        message: `Gateway listener "${valueText(listener.name)}" accepts ${listener.protocol} without TLS on port ${valueText(listener.port)}`,
      });
    }
    return violations;
  },
};
