import type { FieldPath } from '../../model/path.ts';
import { getAt, isRecord } from '../../model/path.ts';
import type { ResourceCheck, Violation } from '../../model/check.ts';
import { isIstio } from './istio.ts';
import { valueText } from '../workload/value-text.ts';

/** The TLS settings of one traffic policy and those of its ports. */
function* weakTls(policy: unknown, path: FieldPath, where: string): Generator<Violation> {
  if (!isRecord(policy)) return;
  yield* weakSetting(policy.tls, [...path, 'tls'], where);
  if (!Array.isArray(policy.portLevelSettings)) return;
  for (const [index, setting] of policy.portLevelSettings.entries()) {
    const port = getAt(setting, ['port', 'number']);
    yield* weakSetting(
      getAt(setting, ['tls']),
      [...path, 'portLevelSettings', index, 'tls'],
      `${where} port ${String(port)}`,
    );
  }
}

function* weakSetting(tls: unknown, path: FieldPath, where: string): Generator<Violation> {
  if (!isRecord(tls)) return;
  if (tls.mode === 'DISABLE') {
    yield {
      path: [...path, 'mode'],
      message: `DestinationRule disables TLS for ${where} (tls.mode DISABLE)`,
    };
  } else if (tls.insecureSkipVerify === true) {
    yield {
      path: [...path, 'insecureSkipVerify'],
      message: `DestinationRule skips server certificate verification for ${where}`,
    };
  }
}

/** A DestinationRule with TLS mode DISABLE makes the client sidecars send plaintext, even inside the mesh. */
export const destinationRuleTlsDisabled: ResourceCheck = {
  id: 'destination-rule-tls-disabled',
  title: 'Istio DestinationRule disables TLS',
  severity: 'high',
  theme: 'mesh',
  description:
    'trafficPolicy.tls.mode: DISABLE in a DestinationRule (for the host, a port or a subset) makes client sidecars send plaintext to the destination, overriding auto-mTLS; insecureSkipVerify: true accepts any server certificate. Either lets a network attacker read or impersonate the service.',
  remediation:
    'Remove the tls block (auto-mTLS then applies) or set mode ISTIO_MUTUAL inside the mesh, SIMPLE or MUTUAL with caCertificates for external hosts; never set insecureSkipVerify.',
  nsa: ['service-meshes', 'encryption'],
  references: ['Istio: DestinationRule ClientTLSSettings.TLSmode', 'Kubescape: C-0274'],
  kinds: ['DestinationRule'],
  target: 'resource',
  run(resource): Violation[] {
    const violations: Violation[] = [];
    if (!isIstio(resource, 'networking')) return violations;
    const spec = resource.object.spec;
    if (!isRecord(spec)) return violations;
    const host = typeof spec.host === 'string' ? spec.host : '';
    for (const violation of weakTls(spec.trafficPolicy, ['spec', 'trafficPolicy'], `host "${host}"`))
      violations.push(violation);
    if (!Array.isArray(spec.subsets)) return violations;
    for (const [index, subset] of spec.subsets.entries()) {
      if (!isRecord(subset)) continue;
      const where = `subset "${valueText(subset.name)}" of host "${host}"`;
      for (const violation of weakTls(
        subset.trafficPolicy,
        ['spec', 'subsets', index, 'trafficPolicy'],
        where,
      ))
        violations.push(violation);
    }
    return violations;
  },
};
