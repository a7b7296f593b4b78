import type { Check } from '../../model/check.ts';
import { gatewayListenerPlaintext } from './gateway-listener-plaintext.ts';
import { ingressHostWithoutTls } from './ingress-host-without-tls.ts';
import { ingressNginxSnippet } from './ingress-nginx-snippet.ts';
import { serviceExternalIps } from './service-external-ips.ts';

/** How workloads are reached from outside: Services, Ingresses and Gateways. */
export const EXPOSURE_CHECKS: readonly Check[] = [
  serviceExternalIps,
  ingressHostWithoutTls,
  ingressNginxSnippet,
  gatewayListenerPlaintext,
];
