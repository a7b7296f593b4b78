import type { ApiResource } from './discovery.ts';

/**
 * Resources a scan does not list, as `group/resource` (`''` group for the core): records of what
 * happened (events), of what runs where (endpoints, leases, controller revisions), metrics, and
 * the definitions of custom resources. No check reads them, and on a busy cluster they outnumber
 * everything else.
 */
const SKIPPED = new Set([
  '/events',
  'events.k8s.io/events',
  '/endpoints',
  'discovery.k8s.io/endpointslices',
  'coordination.k8s.io/leases',
  'apps/controllerrevisions',
  '/componentstatuses',
  'apiextensions.k8s.io/customresourcedefinitions',
  'apiregistration.k8s.io/apiservices',
  'flowcontrol.apiserver.k8s.io/flowschemas',
  'flowcontrol.apiserver.k8s.io/prioritylevelconfigurations',
  'certificates.k8s.io/certificatesigningrequests',
  'resource.k8s.io/resourceslices',
  'storage.k8s.io/csinodes',
  'storage.k8s.io/volumeattachments',
]);

/** Groups a scan does not list: resource metrics are computed on request, not stored objects. */
const SKIPPED_GROUPS = new Set(['metrics.k8s.io', 'custom.metrics.k8s.io', 'external.metrics.k8s.io']);

/**
 * The resources a scan reads: every listable resource discovery found, but those in SKIPPED, and
 * each kind once (a kind served by two groups, as `Event` was, is read from the first).
 */
export function scannedResources(resources: readonly ApiResource[]): ApiResource[] {
  const kinds = new Set<string>();
  return resources.filter((resource) => {
    if (SKIPPED_GROUPS.has(resource.group) || SKIPPED.has(`${resource.group}/${resource.plural}`))
      return false;
    const key = `${resource.group}/${resource.kind}`;
    if (kinds.has(key)) return false;
    kinds.add(key);
    return true;
  });
}
