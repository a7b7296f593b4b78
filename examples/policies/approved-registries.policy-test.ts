// Images must come from an approved registry. Same results as approved-registries.yaml, with the
// list written in the module instead of a ConfigMap parameter.
import type { TestContext } from '../../src/policy/module/context.ts';

export const kinds = ['Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'];

const REGISTRIES = ['registry.example.com', 'ghcr.io/example', 'quay.io/prometheus'];

export function testApprovedRegistries({ containers, fail }: TestContext): void {
  const unapproved = containers
    .map(({ name, container }) => ({
      name,
      image: typeof container.image === 'string' ? container.image : '',
    }))
    .filter(({ image }) => !REGISTRIES.some((registry) => image.startsWith(`${registry}/`)));
  if (unapproved.length > 0)
    fail(
      `images must come from ${REGISTRIES.join(', ')}: ${unapproved.map(({ name, image }) => `${name}=${image}`).join(', ')}`,
    );
}
