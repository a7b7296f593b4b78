import type { BootstrapObject, GoldenObject } from './types.ts';
import { BOOTSTRAP_LABELS } from './types.ts';

/** The manifest form of a generated table's object, as the RBAC model reads input manifests. */
export function toManifest(object: GoldenObject): BootstrapObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: object.kind,
    metadata: {
      name: object.name,
      ...(object.namespace === undefined ? {} : { namespace: object.namespace }),
      labels: { ...BOOTSTRAP_LABELS, ...object.labels },
    },
    ...(object.rules === undefined ? {} : { rules: object.rules }),
    ...(object.aggregationRule === undefined ? {} : { aggregationRule: object.aggregationRule }),
    ...(object.roleRef === undefined
      ? {}
      : { roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...object.roleRef } }),
    ...(object.subjects === undefined ? {} : { subjects: object.subjects }),
  };
}
