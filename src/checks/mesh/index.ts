import type { Check } from '../../model/check.ts';
import { meshInInput } from './istio.ts';
import { authorizationPolicyAllowAll } from './authorization-policy-allow-all.ts';
import { destinationRuleTlsDisabled } from './destination-rule-tls-disabled.ts';
import { linkerdInboundUnauthenticated } from './linkerd-inbound-unauthenticated.ts';
import { meshInjectionDisabled } from './mesh-injection-disabled.ts';
import { meshMtlsNotEnforced } from './mesh-mtls-not-enforced.ts';
import { meshSidecarOptOut } from './mesh-sidecar-opt-out.ts';
import { meshTrafficBypass } from './mesh-traffic-bypass.ts';
import { peerAuthenticationNotStrict } from './peer-authentication-not-strict.ts';

/**
 * Service mesh and mTLS: Istio and Linkerd policies, injection and proxy bypasses. They apply when
 * the input has anything of a mesh (see meshInInput).
 */
export const MESH_CHECKS: readonly Check[] = [
  peerAuthenticationNotStrict,
  meshMtlsNotEnforced,
  destinationRuleTlsDisabled,
  authorizationPolicyAllowAll,
  meshInjectionDisabled,
  meshSidecarOptOut,
  meshTrafficBypass,
  linkerdInboundUnauthenticated,
].map((check): Check => ({ ...check, applies: meshInInput }));
