import { isRecord } from '../../model/path.ts';
import type { ResourceCheck, Violation } from '../../model/check.ts';
import { isIstio } from './istio.ts';
import { valueText } from '../workload/value-text.ts';

/** Modes that let plaintext traffic in. */
const WEAK_MODES: ReadonlyMap<string, string> = new Map([
  ['PERMISSIVE', 'accepts plaintext as well as mTLS'],
  ['DISABLE', 'turns mTLS off'],
]);

/** PERMISSIVE or DISABLE mTLS lets any pod (or anything that reaches the pod IP) talk plaintext to the workload. */
export const peerAuthenticationNotStrict: ResourceCheck = {
  id: 'peer-authentication-not-strict',
  title: 'Istio PeerAuthentication not STRICT',
  severity: 'high',
  theme: 'mesh',
  description:
    'A PeerAuthentication with mtls.mode PERMISSIVE or DISABLE, for the whole policy or for a port in portLevelMtls, lets clients connect without a mesh certificate: traffic is neither encrypted nor authenticated, and AuthorizationPolicies based on principals do not apply to it. UNSET inherits from the parent policy and is not reported here.',
  remediation:
    'Set spec.mtls.mode: STRICT (after moving every client into the mesh), and remove PERMISSIVE/DISABLE entries from portLevelMtls.',
  nsa: ['service-meshes', 'encryption'],
  references: ['Istio: PeerAuthentication MutualTLS.Mode', 'Kubescape: C-0274'],
  kinds: ['PeerAuthentication'],
  target: 'resource',
  run(resource): Violation[] {
    const violations: Violation[] = [];
    if (!isIstio(resource, 'security')) return violations;
    const spec = resource.object.spec;
    if (!isRecord(spec)) return violations;
    const mode = isRecord(spec.mtls) ? spec.mtls.mode : undefined;
    const weak = typeof mode === 'string' ? WEAK_MODES.get(mode) : undefined;
    if (weak !== undefined) {
      violations.push({
        path: ['spec', 'mtls', 'mode'],
        message: `PeerAuthentication sets mTLS mode ${valueText(mode)} (${weak})`,
      });
    }
    if (!isRecord(spec.portLevelMtls)) return violations;
    for (const [port, setting] of Object.entries(spec.portLevelMtls)) {
      const portMode = isRecord(setting) ? setting.mode : undefined;
      const portWeak = typeof portMode === 'string' ? WEAK_MODES.get(portMode) : undefined;
      if (portWeak === undefined) continue;
      violations.push({
        path: ['spec', 'portLevelMtls', port, 'mode'],
        message: `PeerAuthentication sets mTLS mode ${String(portMode)} on port ${port} (${portWeak})`,
      });
    }
    return violations;
  },
};
