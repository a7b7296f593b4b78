import { isRecord } from '../../model/path.ts';
import { podTemplateOf, WORKLOAD_KINDS } from '../../model/workload.ts';
import type { ResourceCheck, Violation } from '../../model/check.ts';

const ANNOTATION = 'config.linkerd.io/default-inbound-policy';
/** Linkerd default inbound policies that admit clients without a mesh identity. */
const UNAUTHENTICATED: ReadonlySet<string> = new Set(['all-unauthenticated', 'cluster-unauthenticated']);

/** Linkerd's default inbound policy `all-unauthenticated` lets any client in, meshed or not. */
export const linkerdInboundUnauthenticated: ResourceCheck = {
  id: 'linkerd-inbound-unauthenticated',
  title: 'Linkerd default inbound policy admits unauthenticated clients',
  severity: 'medium',
  theme: 'mesh',
  description:
    'config.linkerd.io/default-inbound-policy set to all-unauthenticated or cluster-unauthenticated (on a Namespace or a pod template) lets clients without a mesh identity connect over plaintext to every port that has no Server resource. all-authenticated, cluster-authenticated or deny require mTLS.',
  remediation:
    'Set config.linkerd.io/default-inbound-policy: all-authenticated (or deny, with explicit Server and AuthorizationPolicy resources).',
  nsa: ['service-meshes', 'authentication'],
  references: ['Linkerd: default inbound policy', 'Kubescape: C-0274'],
  kinds: ['Namespace', ...WORKLOAD_KINDS],
  target: 'resource',
  run(resource): Violation[] {
    const violations: Violation[] = [];
    const template = resource.kind === 'Namespace' ? undefined : podTemplateOf(resource, '');
    const metadata = resource.kind === 'Namespace' ? resource.object.metadata : template?.podMetadata;
    const base = template === undefined ? ['metadata'] : template.metadataPath;
    const value =
      isRecord(metadata) && isRecord(metadata.annotations) ? metadata.annotations[ANNOTATION] : undefined;
    if (typeof value !== 'string' || !UNAUTHENTICATED.has(value)) return violations;
    const who = resource.kind === 'Namespace' ? `Namespace "${resource.name}"` : 'pod template';
    violations.push({
      path: [...base, 'annotations', ANNOTATION],
      message: `${who} sets Linkerd default inbound policy ${value}`,
    });
    return violations;
  },
};
