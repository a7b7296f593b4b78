import { ofKind } from '../../model/inventory.ts';
import { isRecord } from '../../model/path.ts';
import type { InventoryCheck } from '../../model/check.ts';
import { ISTIO_ROOT_NAMESPACE, isIstio } from './istio.ts';

/**
 * When the input holds Istio objects, there must be a mesh-wide PeerAuthentication (in the root
 * namespace, without selector) with mode STRICT: without one Istio accepts plaintext everywhere.
 */
export const meshMtlsNotEnforced: InventoryCheck = {
  id: 'mesh-mtls-not-enforced',
  title: 'No mesh-wide STRICT mTLS',
  severity: 'medium',
  theme: 'mesh',
  description:
    'Istio defaults to PERMISSIVE mTLS: sidecars accept plaintext from anyone who reaches the pod. Only a PeerAuthentication in the root namespace (istio-system) without a selector and with mtls.mode STRICT makes mTLS mandatory mesh-wide. The check runs when the scanned input contains Istio objects.',
  remediation:
    'Apply a PeerAuthentication named default in istio-system with spec.mtls.mode: STRICT, after checking that every client is in the mesh.',
  nsa: ['service-meshes', 'encryption'],
  references: ['Istio: PeerAuthentication (mesh-wide policy)', 'Kubescape: C-0274'],
  target: 'inventory',
  *run({ inventory }) {
    const istio = inventory.resources.some(
      (resource) => isIstio(resource, 'security') || isIstio(resource, 'networking'),
    );
    if (!istio) return;
    const strict = ofKind(inventory, 'PeerAuthentication').some((policy) => {
      const spec = policy.object.spec;
      return (
        isIstio(policy, 'security') &&
        policy.namespace === ISTIO_ROOT_NAMESPACE &&
        isRecord(spec) &&
        spec.selector === undefined &&
        isRecord(spec.mtls) &&
        spec.mtls.mode === 'STRICT'
      );
    });
    if (strict) return;
    yield {
      resource: undefined,
      object: {
        apiVersion: 'security.istio.io/v1',
        kind: 'PeerAuthentication',
        namespace: ISTIO_ROOT_NAMESPACE,
        name: 'default',
      },
      path: [],
      message: `no PeerAuthentication in ${ISTIO_ROOT_NAMESPACE} makes mTLS STRICT mesh-wide (Istio accepts plaintext by default)`,
    };
  },
};
