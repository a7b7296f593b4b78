import type { Check } from '../check.ts';
import { envSecretLiteral } from './env-secret-literal.ts';
import { hostPathRuntimeSocket } from './host-path-runtime-socket.ts';
import { imageTagMutable } from './image-tag-mutable.ts';
import { ingressWithoutTls } from './ingress-without-tls.ts';
import { serviceExternalExposure } from './service-external-exposure.ts';

/** The first checks, one per theme they exercise. */
export const CORE_CHECKS: readonly Check[] = [
  hostPathRuntimeSocket,
  imageTagMutable,
  envSecretLiteral,
  serviceExternalExposure,
  ingressWithoutTls,
];
