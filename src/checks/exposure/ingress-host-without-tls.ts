import { isRecord } from '../../model/path.ts';
import type { ResourceCheck, Violation } from '../../model/check.ts';

/** True when a TLS host entry covers `host`: the same name, or `*.example.com` for one extra label. */
export function tlsCovers(tlsHost: string, host: string): boolean {
  const pattern = tlsHost.toLowerCase();
  const name = host.toLowerCase();
  if (pattern === name) return true;
  if (!pattern.startsWith('*.')) return false;
  const dot = name.indexOf('.');
  return dot > 0 && name.slice(dot) === pattern.slice(1);
}

/**
 * Each Ingress rule whose host no `spec.tls[].hosts` entry covers is served over plain HTTP. A
 * rule without host (any host) is covered only by a TLS entry without hosts.
 */
export const ingressHostWithoutTls: ResourceCheck = {
  id: 'ingress-host-without-tls',
  title: 'Ingress host served without TLS',
  severity: 'medium',
  theme: 'tls',
  description:
    'An Ingress rule whose host is not listed in any spec.tls[].hosts entry (exact name or a one-label wildcard) is served over plain HTTP, so credentials and session cookies for that host cross the network unencrypted. An Ingress with TLS for some hosts and not others is reported host by host; a rule without host needs a TLS entry without hosts.',
  remediation:
    'Add every host to spec.tls[].hosts with a certificate Secret (cert-manager can issue and rotate it), and redirect HTTP to HTTPS.',
  nsa: ['encryption'],
  references: ['Polaris: tlsSettingsMissing', 'Kubescape: C-0263'],
  kinds: ['Ingress'],
  target: 'resource',
  run(resource): Violation[] {
    const violations: Violation[] = [];
    const spec = resource.object.spec;
    if (!isRecord(spec)) return violations;
    const tls = Array.isArray(spec.tls) ? spec.tls.filter(isRecord) : [];
    const tlsHosts = tls.flatMap((entry) =>
      Array.isArray(entry.hosts) ? entry.hosts.filter((h) => typeof h === 'string') : [],
    );
    const catchAll = tls.some((entry) => !Array.isArray(entry.hosts) || entry.hosts.length === 0);
    const rules = Array.isArray(spec.rules) ? spec.rules : [];
    if (rules.length === 0 && isRecord(spec.defaultBackend) && tls.length === 0) {
      violations.push({
        path: ['spec', 'defaultBackend'],
        message: 'Ingress default backend is served without TLS',
      });
    }
    for (const [index, rule] of rules.entries()) {
      if (!isRecord(rule)) continue;
      const host = typeof rule.host === 'string' && rule.host !== '' ? rule.host : undefined;
      if (host === undefined) {
        if (!catchAll)
          violations.push({
            path: ['spec', 'rules', index],
            message: `Ingress rule ${String(index)} (any host) is served without TLS`,
          });
      } else if (!tlsHosts.some((tlsHost) => tlsCovers(tlsHost, host))) {
        violations.push({
          path: ['spec', 'rules', index, 'host'],
          message: `Ingress host "${host}" is served without TLS`,
        });
      }
    }
    return violations;
  },
};
