import { NAMESPACE_NAME_LABEL } from '../../model/namespace.ts';
import { isRecord } from '../../model/path.ts';
import type { Mapping } from '../../model/path.ts';
import type { Resource } from '../../model/resource.ts';
import { apiGroup } from '../../model/resource.ts';
import { kindInfo } from './kinds.ts';
import type { KindTable } from './kinds.ts';

/** Admission operations a policy can match. */
export type Operation = 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';

/** The user an offline request is made as. */
export interface UserInfo {
  readonly username: string;
  readonly uid: string;
  readonly groups: readonly string[];
}

/** Default user of offline requests (a cluster admin applying manifests). */
export const OFFLINE_USER: UserInfo = { username: 'kubeward', uid: '', groups: ['system:authenticated'] };

/** Everything a policy sees of one offline admission request. */
export interface AdmissionAttributes {
  readonly operation: Operation;
  /** The resource the request is about (the new object; the old one for DELETE). */
  readonly subject: Resource;
  readonly object: Mapping | null;
  readonly oldObject: Mapping | null;
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly resource: string;
  readonly namespaced: boolean;
  /** "" for cluster-scoped objects. */
  readonly namespace: string;
  readonly name: string;
  /** The Namespace the object lives in (a manifest, else a minimal one); null when cluster-scoped. */
  readonly namespaceObject: Mapping | null;
  readonly userInfo: UserInfo;
}

/** Inputs for building requests: Namespace manifests and the namespace of objects that name none. */
export interface RequestContext {
  readonly kinds: KindTable;
  readonly namespaces: ReadonlyMap<string, Mapping>;
  readonly defaultNamespace: string;
  readonly userInfo: UserInfo;
}

/** Namespace manifests by name, for namespaceSelector and `namespaceObject`. */
export function namespaceObjects(resources: readonly Resource[]): ReadonlyMap<string, Mapping> {
  const namespaces = new Map<string, Mapping>();
  for (const resource of resources)
    if (resource.kind === 'Namespace' && resource.apiVersion === 'v1')
      namespaces.set(resource.name, resource.object);
  return namespaces;
}

/**
 * The labels the API server gives a Namespace: its own plus the immutable
 * `kubernetes.io/metadata.name` label (set by the namespace admission since 1.21).
 */
export function namespaceLabels(namespace: Mapping, name: string): Readonly<Record<string, string>> {
  const metadata = isRecord(namespace.metadata) ? namespace.metadata : {};
  const labels: Record<string, string> = {};
  if (isRecord(metadata.labels))
    for (const [key, value] of Object.entries(metadata.labels))
      if (typeof value === 'string') labels[key] = value;
  labels[NAMESPACE_NAME_LABEL] = name;
  return labels;
}

function namespaceObject(context: RequestContext, name: string): Mapping {
  const declared = context.namespaces.get(name) ?? {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name },
  };
  const metadata = isRecord(declared.metadata) ? declared.metadata : {};
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { ...metadata, name, labels: namespaceLabels(declared, name) },
    ...(declared.spec === undefined ? {} : { spec: declared.spec }),
    status: isRecord(declared.status) ? declared.status : { phase: 'Active' },
  };
}

/**
 * Builds the attributes of an offline request for `subject`. For CREATE the object is the manifest
 * and oldObject null; for UPDATE `old` is the old object; for DELETE the manifest is the old object.
 * Namespaced objects without a namespace are placed in the default namespace.
 */
export function admissionAttributes(
  subject: Resource,
  operation: Operation,
  old: Resource | undefined,
  context: RequestContext,
): AdmissionAttributes {
  const group = apiGroup(subject.apiVersion);
  const version = subject.apiVersion.slice(subject.apiVersion.indexOf('/') + 1);
  const info = kindInfo(context.kinds, group, subject.kind);
  const namespace = info.namespaced ? (subject.namespace ?? context.defaultNamespace) : '';
  const withNamespace = (object: Mapping): Mapping => {
    if (!info.namespaced || subject.namespace !== undefined) return object;
    const metadata = isRecord(object.metadata) ? object.metadata : {};
    return { ...object, metadata: { ...metadata, namespace } };
  };
  const object = operation === 'DELETE' ? null : withNamespace(subject.object);
  const oldObject =
    operation === 'DELETE'
      ? withNamespace(subject.object)
      : old === undefined
        ? null
        : withNamespace(old.object);
  return {
    operation,
    subject,
    object,
    oldObject,
    group,
    version,
    kind: subject.kind,
    resource: info.resource,
    namespaced: info.namespaced,
    namespace,
    name: subject.name,
    namespaceObject: info.namespaced ? namespaceObject(context, namespace) : null,
    userInfo: context.userInfo,
  };
}

/** The `request` variable CEL sees (`admission/v1` AdmissionRequest without the objects). */
export function requestVariable(attributes: AdmissionAttributes): Mapping {
  const kind = { group: attributes.group, version: attributes.version, kind: attributes.kind };
  const resource = { group: attributes.group, version: attributes.version, resource: attributes.resource };
  return {
    uid: '00000000-0000-0000-0000-000000000000',
    kind,
    resource,
    subResource: '',
    requestKind: kind,
    requestResource: resource,
    requestSubResource: '',
    name: attributes.name,
    namespace: attributes.namespace,
    operation: attributes.operation,
    userInfo: {
      username: attributes.userInfo.username,
      uid: attributes.userInfo.uid,
      groups: attributes.userInfo.groups,
      extra: {},
    },
    dryRun: true,
    options: null,
  };
}
