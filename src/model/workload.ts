import type { FieldPath, Mapping } from './path.ts';
import { getAt, isRecord } from './path.ts';
import type { Resource } from './resource.ts';

/** Where each workload kind keeps its pod template (metadata and spec). */
const POD_TEMPLATE_PATHS: Readonly<Record<string, FieldPath>> = {
  Pod: [],
  PodTemplate: ['template'],
  Deployment: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

/** The kinds that carry a pod template. */
export const WORKLOAD_KINDS: readonly string[] = Object.keys(POD_TEMPLATE_PATHS);

/** The pod spec and metadata paths of each workload kind, shared by every workload of the kind. */
const TEMPLATE_FIELD_PATHS: ReadonlyMap<string, { readonly spec: FieldPath; readonly metadata: FieldPath }> =
  new Map(
    Object.entries(POD_TEMPLATE_PATHS).map(([kind, base]) => [
      kind,
      { spec: [...base, 'spec'], metadata: [...base, 'metadata'] },
    ]),
  );

const WORKLOAD_API_VERSION = /^(v1|apps\/v1|batch\/v1|batch\/v1beta1|extensions\/v1beta1|apps\/v1beta[12])$/;

/**
 * The pod-template view of a workload: one shape for a Pod, a Deployment or a CronJob, so checks
 * look at `podSpec` and report paths relative to it; `specPath` turns them back into paths in the object.
 */
export interface Workload {
  readonly resource: Resource;
  /** The effective namespace (the manifest's, else the default). */
  readonly namespace: string;
  readonly podSpec: Mapping;
  /** Path of the pod spec inside the object: `['spec']`, `['spec','template','spec']`, ... */
  readonly specPath: FieldPath;
  /** The pod template's metadata (a Pod's own metadata). */
  readonly podMetadata: Mapping;
  readonly metadataPath: FieldPath;
}

/**
 * The pod template of a resource, or undefined when its kind has none or the template is absent.
 * A template that exists but is not a mapping is reported by the shape check, not here.
 */
export function podTemplateOf(resource: Resource, namespace: string): Workload | undefined {
  const paths = TEMPLATE_FIELD_PATHS.get(resource.kind);
  if (paths === undefined || !WORKLOAD_API_VERSION.test(resource.apiVersion)) return undefined;
  const { spec: specPath, metadata: metadataPath } = paths;
  const podSpec = getAt(resource.object, specPath);
  if (!isRecord(podSpec)) return undefined;
  const podMetadata = getAt(resource.object, metadataPath);
  return {
    resource,
    namespace,
    podSpec,
    specPath,
    podMetadata: isRecord(podMetadata) ? podMetadata : {},
    metadataPath,
  };
}
