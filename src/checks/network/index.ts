import type { Check } from '../../model/check.ts';
import { netpolEgressMetadataApi } from './netpol-egress-metadata-api.ts';
import { netpolEmptyEgressWithoutPolicyTypes } from './netpol-empty-egress-without-policy-types.ts';
import { netpolIngressFromAnywhere } from './netpol-ingress-from-anywhere.ts';
import { netpolNamedPortUndefined } from './netpol-named-port-undefined.ts';
import { netpolNamespaceDefaultDeny } from './netpol-namespace-default-deny.ts';
import { netpolPeerMatchesNothing } from './netpol-peer-matches-nothing.ts';
import { netpolPolicySelectsNothing } from './netpol-policy-selects-nothing.ts';
import { netpolWorkloadUnselected } from './netpol-workload-unselected.ts';
import { netpolRouteBlocked } from './netpol-route-blocked.ts';
import { routeBackendPortUndefined } from './route-backend-port-undefined.ts';
import { routeBackendSelectsNothing } from './route-backend-selects-nothing.ts';

/** The NetworkPolicy findings of `kubeward scan` (theme `network`), from coverage to lint. */
export const NETWORK_CHECKS: readonly Check[] = [
  netpolNamespaceDefaultDeny,
  netpolWorkloadUnselected,
  netpolEgressMetadataApi,
  netpolIngressFromAnywhere,
  netpolPolicySelectsNothing,
  netpolPeerMatchesNothing,
  netpolNamedPortUndefined,
  netpolEmptyEgressWithoutPolicyTypes,
  netpolRouteBlocked,
  routeBackendSelectsNothing,
  routeBackendPortUndefined,
];
