// Every container image must name a tag other than `latest` (or a digest). Same results as no-latest.yaml.
import type { TestContext } from '../../src/policy/module/context.ts';

export const kinds = [
  'Pod',
  'PodTemplate',
  'ReplicationController',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
];

function isUnpinned(image: string): boolean {
  if (image.includes('@')) return false;
  const lastSegment = image.split('/').at(-1) ?? '';
  return !lastSegment.includes(':') || image.endsWith(':latest');
}

export function testNoLatest({ containers, fail }: TestContext): void {
  const unpinned = containers
    .map(({ name, container }) => ({
      name,
      image: typeof container.image === 'string' ? container.image : '',
    }))
    .filter(({ image }) => isUnpinned(image));
  if (unpinned.length > 0)
    fail(
      `images must name a tag other than latest: ${unpinned.map(({ name, image }) => `${name}=${image}`).join(', ')}`,
    );
}
