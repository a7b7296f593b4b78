import { isRecord } from '../../model/path.ts';
import type { ResourceCheck, Violation } from '../../model/check.ts';

/** ingress-nginx annotations that inject raw NGINX configuration. */
const SNIPPET_ANNOTATIONS: readonly string[] = [
  'nginx.ingress.kubernetes.io/configuration-snippet',
  'nginx.ingress.kubernetes.io/server-snippet',
  'nginx.ingress.kubernetes.io/auth-snippet',
  'nginx.ingress.kubernetes.io/stream-snippet',
  'nginx.ingress.kubernetes.io/modsecurity-snippet',
  'nginx.org/server-snippets',
  'nginx.org/location-snippets',
];

/** A snippet annotation runs arbitrary NGINX configuration in the controller, which holds every TLS key. */
export const ingressNginxSnippet: ResourceCheck = {
  id: 'ingress-nginx-snippet',
  title: 'NGINX configuration snippet annotation',
  severity: 'high',
  theme: 'config',
  description:
    'Snippet annotations (configuration-snippet, server-snippet, auth-snippet, ...) paste raw configuration into the ingress controller. Whoever can edit an Ingress can then read files of the controller, including the service-account token that reads every Secret of the cluster (CVE-2021-25742, CVE-2025-1974 family).',
  remediation:
    'Remove the annotation and use the controller\'s structured annotations; keep allow-snippet-annotations: "false" in the controller configuration.',
  mitre: ['T1190', 'T1552.007'],
  references: [
    'Checkov: CKV_K8S_152',
    'Checkov: CKV_K8S_153',
    'Checkov: CKV_K8S_154',
    'Kubescape: C-0059',
    'CVE-2021-25742',
  ],
  kinds: ['Ingress'],
  target: 'resource',
  run(resource): Violation[] {
    const violations: Violation[] = [];
    const metadata = resource.object.metadata;
    const annotations = isRecord(metadata) && isRecord(metadata.annotations) ? metadata.annotations : {};
    for (const key of SNIPPET_ANNOTATIONS) {
      if (annotations[key] === undefined) continue;
      violations.push({
        path: ['metadata', 'annotations', key],
        message: `Ingress injects NGINX configuration through annotation ${key}`,
      });
    }
    return violations;
  },
};
