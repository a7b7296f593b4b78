import type { Extractor, FieldInfo, FieldValue } from './field-value.ts';
import { listValue } from './field-value.ts';
import { jsonGet, jsonPath, jsonText } from './json-value.ts';
import { queryParam } from './query.ts';

// The `ka.*` fields of Falco's k8saudit plugin, extracted as its Go code does
// (falcosecurity/plugins plugins/k8saudit/pkg/k8saudit/extract.go and fields.go). A Go error from the
// extraction (wrong type, absent value) leaves the field absent.

const NO_INDEX = -1;
/** A value the Go helpers return as an error: the whole field is then absent. */
const FAIL = Symbol('fail');
type Values = readonly unknown[] | typeof FAIL;

/** `getValuesRecursive`: walks keys; an array met on the way is expanded (all items) or indexed. */
function valuesRecursive(value: unknown, index: number, keys: readonly string[], from = 0): Values {
  let current = value;
  for (let i = from; i < keys.length; i++) {
    if (Array.isArray(current)) {
      if (index === NO_INDEX) {
        const result: unknown[] = [];
        for (const item of current) {
          const values = valuesRecursive(item, index, keys, i);
          if (values === FAIL) result.push(undefined);
          else for (const v of values) result.push(v);
        }
        return result;
      }
      if (index >= current.length) return FAIL;
      current = current[index];
    }
    const key = keys[i] as string;
    current = key.length > 0 ? jsonGet(current, key) : current;
    if (current === undefined) return FAIL;
  }
  return [current];
}

/** `arrayAsStrings`: any absent item fails the whole field. */
function asStrings(values: readonly unknown[]): readonly string[] | typeof FAIL {
  const result: string[] = [];
  for (const v of values) {
    if (v === undefined) return FAIL;
    result.push(jsonText(v));
  }
  return result;
}

/** `arrayAsStringsSkipNil`. */
function asStringsSkipAbsent(values: readonly unknown[]): string[] {
  const result: string[] = [];
  for (const v of values) if (v !== undefined) result.push(jsonText(v));
  return result;
}

/** `extractFromKeys`: one value as a string, or for a list field an array of values. */
function fromKeys(event: unknown, keys: readonly string[], list: boolean): FieldValue {
  const value = jsonPath(event, keys);
  if (value === undefined) return undefined;
  if (!list) return jsonText(value);
  if (!Array.isArray(value)) return undefined;
  return listValue(value.map(jsonText));
}

const containerKeys = (list: string, keys: readonly string[]): readonly string[] => [
  'requestObject',
  'spec',
  list,
  ...keys,
];

function containerValues(event: unknown, list: string, index: number, keys: readonly string[]): Values {
  return valuesRecursive(event, index, containerKeys(list, keys));
}

function containerImages(event: unknown, list: string, index: number): readonly string[] | typeof FAIL {
  const values = containerValues(event, list, index, ['image']);
  return values === FAIL ? FAIL : asStrings(values);
}

/** The repository of an image reference: before the first `:`, then before the first `@`. */
export function imageRepository(image: string): string {
  return (image.split(':')[0] as string).split('@')[0] as string;
}

/** `readContainerCommands` / `readContainerArgs`: each container's words joined by spaces. */
function containerWords(event: unknown, list: string, index: number, key: string): FieldValue {
  const values = containerValues(event, list, index, [key]);
  if (values === FAIL) return undefined;
  const result: string[] = [];
  for (const words of values) {
    if (words === undefined) continue;
    if (!Array.isArray(words) || words.some((w) => typeof w !== 'string')) return undefined;
    result.push(words.join(' '));
  }
  return listValue(result);
}

function containerHostPorts(event: unknown, list: string, index: number): FieldValue {
  const values = containerValues(event, list, index, ['ports']);
  if (values === FAIL) return undefined;
  const result: string[] = [];
  for (const ports of values) {
    if (ports === undefined) continue;
    if (!Array.isArray(ports)) return undefined;
    for (const port of ports) {
      const host = jsonGet(port, 'hostPort');
      const container = jsonGet(port, 'containerPort');
      if (host !== undefined) result.push(jsonText(host));
      else if (container !== undefined) result.push(jsonText(container));
    }
  }
  return listValue(result);
}

/** `readFromContainerEffectively`: the container's ID, else the pod's, else 0. */
function effectiveIds(event: unknown, list: string, index: number, key: string): FieldValue {
  const podValue = jsonPath(event, ['requestObject', 'spec', key]);
  const podId = podValue === undefined ? '0' : jsonText(podValue);
  const values = containerValues(event, list, index, [key]);
  if (values === FAIL) return undefined;
  return listValue(values.map((v) => (v === undefined ? podId : jsonText(v))));
}

function skipAbsent(values: Values): FieldValue {
  return values === FAIL ? undefined : listValue(asStringsSkipAbsent(values));
}

type ContainerExtract = (event: unknown, list: string, index: number) => FieldValue;

const CONTAINER_FIELDS: Readonly<Record<string, ContainerExtract>> = {
  args: (e, l, i) => containerWords(e, l, i, 'args'),
  command: (e, l, i) => containerWords(e, l, i, 'command'),
  name: (e, l, i) => {
    const values = containerValues(e, l, i, ['name']);
    const names = values === FAIL ? FAIL : asStrings(values);
    return names === FAIL ? undefined : listValue(names);
  },
  image: (e, l, i) => {
    const images = containerImages(e, l, i);
    return images === FAIL ? undefined : listValue(images);
  },
  'image.repository': (e, l, i) => {
    const images = containerImages(e, l, i);
    return images === FAIL ? undefined : listValue(images.map(imageRepository));
  },
  host_port: containerHostPorts,
  privileged: (e, l, i) => skipAbsent(containerValues(e, l, i, ['securityContext', 'privileged'])),
  allow_privilege_escalation: (e, l, i) =>
    skipAbsent(containerValues(e, l, i, ['securityContext', 'allowPrivilegeEscalation'])),
  read_only_fs: (e, l, i) =>
    skipAbsent(containerValues(e, l, i, ['securityContext', 'readOnlyRootFilesystem'])),
  run_as_user: (e, l, i) => skipAbsent(containerValues(e, l, i, ['securityContext', 'runAsUser'])),
  eff_run_as_user: (e, l, i) => effectiveIds(e, l, i, 'runAsUser'),
  run_as_group: (e, l, i) => skipAbsent(containerValues(e, l, i, ['securityContext', 'runAsGroup'])),
  eff_run_as_group: (e, l, i) => effectiveIds(e, l, i, 'runAsGroup'),
  proc_mount: (e, l, i) => skipAbsent(containerValues(e, l, i, ['securityContext', 'procMount'])),
  add_capabilities: (e, l, i) =>
    skipAbsent(containerValues(e, l, i, ['securityContext', 'capabilities', 'add'])),
};

/** `readSubjectNamesByKind`; `NamespacedServiceAccount` gives `namespace:name`. */
function subjectNames(event: unknown, kind: string): FieldValue {
  const subjects = jsonPath(event, ['requestObject', 'subjects']);
  if (subjects === undefined) return undefined;
  if (!Array.isArray(subjects)) return undefined;
  const namespaced = kind === 'NamespacedServiceAccount';
  const wanted = namespaced ? 'ServiceAccount' : kind;
  const result: string[] = [];
  for (const subject of subjects) {
    const subjectKind = jsonGet(subject, 'kind');
    const name = jsonGet(subject, 'name');
    if (subjectKind === undefined || name === undefined || jsonText(subjectKind) !== wanted) continue;
    if (!namespaced) result.push(jsonText(name));
    else {
      const namespace = jsonGet(subject, 'namespace');
      if (namespace !== undefined) result.push(`${jsonText(namespace)}:${jsonText(name)}`);
    }
  }
  return listValue(result);
}

/** `extractRulesField`: the named key of every item of requestObject.rules, flattened. */
function rulesField(event: unknown, index: number, key: string): FieldValue {
  const values = valuesRecursive(event, index, ['requestObject', 'rules', key]);
  if (values === FAIL) return undefined;
  const result: string[] = [];
  for (const v of values) if (Array.isArray(v)) for (const s of asStringsSkipAbsent(v)) result.push(s);
  return listValue(result);
}

function volumesField(event: unknown, index: number, keys: readonly string[]): FieldValue {
  return skipAbsent(valuesRecursive(event, index, ['requestObject', 'spec', 'volumes', ...keys]));
}

function volumeTypes(event: unknown, index: number): FieldValue {
  const values = valuesRecursive(event, index, ['requestObject', 'spec', 'volumes', '']);
  if (values === FAIL) return undefined;
  const result: string[] = [];
  for (const volume of values) {
    if (volume === null || typeof volume !== 'object' || Array.isArray(volume)) continue;
    for (const key of Object.keys(volume)) if (key !== 'name') result.push(key);
  }
  return listValue(result);
}

/** `ka.req.volume.hostpath[path]`: whether the first volume's hostPath is `path` (or starts with it, given `prefix*`). */
function volumeHostPathMatches(event: unknown, arg: string): FieldValue {
  const values = valuesRecursive(event, 0, ['requestObject', 'spec', 'volumes', 'hostPath', 'path']);
  if (values === FAIL) return undefined;
  const prefix = arg.endsWith('*') ? arg.slice(0, -1) : undefined;
  for (const path of asStringsSkipAbsent(values))
    if ((prefix !== undefined && path.startsWith(prefix)) || path === arg) return 'true';
  return 'false';
}

function firstContainerPrivileged(event: unknown): FieldValue {
  const values = containerValues(event, 'containers', NO_INDEX, ['securityContext', 'privileged']);
  if (values === FAIL) return undefined;
  return values.some((v) => v === true) ? 'true' : 'false';
}

function targetPodName(event: unknown): FieldValue {
  const ref = jsonGet(event, 'objectRef');
  const resource = jsonGet(ref, 'resource');
  const subresource = jsonGet(ref, 'subresource');
  if (resource !== 'pods' || (typeof subresource === 'string' && subresource !== '')) return undefined;
  return fromKeys(event, ['responseObject', 'metadata', 'name'], false);
}

type Extract = (event: unknown, index: number, arg: string) => FieldValue;

interface Definition {
  readonly list?: boolean;
  readonly arg?: 'index' | 'key';
  readonly extract: Extract;
}

const keys = (...path: string[]): Definition => ({ extract: (e) => fromKeys(e, path, false) });
const listKeys = (...path: string[]): Definition => ({ list: true, extract: (e) => fromKeys(e, path, true) });
const indexed = (extract: Extract): Definition => ({ list: true, arg: 'index', extract });

const DEFINITIONS: Readonly<Record<string, Definition>> = {
  'ka.auditid': keys('auditID'),
  'ka.stage': keys('stage'),
  'ka.auth.decision': keys('annotations', 'authorization.k8s.io/decision'),
  'ka.auth.reason': keys('annotations', 'authorization.k8s.io/reason'),
  'ka.auth.openshift.decision': keys('annotations', 'authentication.openshift.io/decision'),
  'ka.validations.admission.policy.failure': keys(
    'annotations',
    'validation.policy.admission.k8s.io/validation_failure',
  ),
  'ka.security.pod.violations': keys('annotations', 'pod-security.kubernetes.io/audit-violations'),
  'ka.auth.openshift.username': keys('annotations', 'authentication.openshift.io/username'),
  'ka.user.name': keys('user', 'username'),
  'ka.user.groups': listKeys('user', 'groups'),
  'ka.impuser.name': keys('impersonatedUser', 'username'),
  'ka.verb': keys('verb'),
  'ka.uri': keys('requestURI'),
  'ka.uri.param': { arg: 'key', extract: (e, _i, arg) => queryParam(jsonGet(e, 'requestURI'), arg) },
  'ka.target.name': keys('objectRef', 'name'),
  'ka.target.namespace': keys('objectRef', 'namespace'),
  'ka.target.resource': keys('objectRef', 'resource'),
  'ka.target.subresource': keys('objectRef', 'subresource'),
  'ka.target.pod.name': { extract: targetPodName },
  'ka.req.binding.subjects': listKeys('requestObject', 'subjects'),
  'ka.req.binding.subjects.user_names': { list: true, extract: (e) => subjectNames(e, 'User') },
  'ka.req.binding.subjects.serviceaccount_names': {
    list: true,
    extract: (e) => subjectNames(e, 'ServiceAccount'),
  },
  'ka.req.binding.subjects.serviceaccount_ns_names': {
    list: true,
    extract: (e) => subjectNames(e, 'NamespacedServiceAccount'),
  },
  'ka.req.binding.subjects.group_names': { list: true, extract: (e) => subjectNames(e, 'Group') },
  'ka.req.binding.role': keys('requestObject', 'roleRef', 'name'),
  'ka.req.binding.subject.has_name': { arg: 'key', extract: () => 'true' },
  'ka.req.configmap.name': keys('objectRef', 'name'),
  'ka.req.configmap.obj': keys('requestObject', 'data'),
  'ka.req.container.image': {
    extract: (e) => {
      const images = containerImages(e, 'containers', 0);
      return images === FAIL ? undefined : images[0];
    },
  },
  'ka.req.container.image.repository': {
    extract: (e) => {
      const images = containerImages(e, 'containers', 0);
      return images === FAIL || images[0] === undefined ? undefined : imageRepository(images[0]);
    },
  },
  'ka.req.pod.host_ipc': keys('requestObject', 'spec', 'hostIPC'),
  'ka.req.pod.host_network': keys('requestObject', 'spec', 'hostNetwork'),
  'ka.req.container.host_network': keys('requestObject', 'spec', 'hostNetwork'),
  'ka.req.pod.host_pid': keys('requestObject', 'spec', 'hostPID'),
  'ka.req.container.privileged': { extract: firstContainerPrivileged },
  'ka.req.pod.run_as_user': keys('requestObject', 'spec', 'securityContext', 'runAsUser'),
  'ka.req.pod.run_as_group': keys('requestObject', 'spec', 'securityContext', 'runAsGroup'),
  'ka.req.role.rules': listKeys('requestObject', 'rules'),
  'ka.req.role.rules.apiGroups': indexed((e, i) => rulesField(e, i, 'apiGroups')),
  'ka.req.role.rules.nonResourceURLs': indexed((e, i) => rulesField(e, i, 'nonResourceURLs')),
  'ka.req.role.rules.verbs': indexed((e, i) => rulesField(e, i, 'verbs')),
  'ka.req.role.rules.resources': indexed((e, i) => rulesField(e, i, 'resources')),
  'ka.req.pod.fs_group': keys('requestObject', 'spec', 'securityContext', 'fsGroup'),
  'ka.req.pod.supplemental_groups': listKeys(
    'requestObject',
    'spec',
    'securityContext',
    'supplementalGroups',
  ),
  'ka.req.service.type': keys('requestObject', 'spec', 'type'),
  'ka.req.service.ports': indexed((e, i) =>
    skipAbsent(valuesRecursive(e, i, ['requestObject', 'spec', 'ports'])),
  ),
  'ka.req.pod.volumes.hostpath': indexed((e, i) => volumesField(e, i, ['hostPath', 'path'])),
  'ka.req.volume.hostpath': { arg: 'key', extract: (e, _i, arg) => volumeHostPathMatches(e, arg) },
  'ka.req.pod.volumes.flexvolume_driver': indexed((e, i) => volumesField(e, i, ['flexVolume', 'driver'])),
  'ka.req.pod.volumes.volume_type': indexed(volumeTypes),
  'ka.resp.name': keys('responseObject', 'metadata', 'name'),
  'ka.response.code': keys('responseStatus', 'code'),
  'ka.response.reason': keys('responseStatus', 'reason'),
  'ka.useragent': keys('userAgent'),
  // extract.go reads the source IPs through extractRulesField, that is from requestObject.rules[].sourceIPs.
  'ka.sourceips': indexed((e, i) => rulesField(e, i, 'sourceIPs')),
  'ka.cluster.name': keys('annotations', 'cluster_name'),
};

const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'];

/** Ephemeral containers have no ports, so fields.go declares no host_port for them. */
function declared(list: string, field: string): boolean {
  return Object.hasOwn(CONTAINER_FIELDS, field) && !(list === 'ephemeralContainers' && field === 'host_port');
}

function containerDefinition(name: string): Definition | undefined {
  for (const list of CONTAINER_LISTS) {
    const prefix = `ka.req.pod.${list}.`;
    if (!name.startsWith(prefix)) continue;
    const field = name.slice(prefix.length);
    const extract = declared(list, field) ? CONTAINER_FIELDS[field] : undefined;
    return extract && indexed((e, i) => extract(e, list, i));
  }
  return undefined;
}

function definition(name: string): Definition | undefined {
  return Object.hasOwn(DEFINITIONS, name) ? DEFINITIONS[name] : containerDefinition(name);
}

/** Every `ka.*` field name the plugin declares. */
export const K8SAUDIT_FIELDS: readonly string[] = [
  ...Object.keys(DEFINITIONS),
  ...CONTAINER_LISTS.flatMap((list) =>
    Object.keys(CONTAINER_FIELDS)
      .filter((f) => declared(list, f))
      .map((f) => `ka.req.pod.${list}.${f}`),
  ),
];

/** The declaration of a `ka.*` field, or undefined when the plugin has none by that name. */
export function k8sauditFieldInfo(name: string): FieldInfo | undefined {
  const found = definition(name);
  if (!found) return undefined;
  const arg = found.arg ?? 'none';
  return { name, list: found.list === true, arg, argRequired: arg === 'key' };
}

/**
 * The extractor of a `ka.*` field with its argument (an index, already validated, or a key). Every
 * field is absent on a JSON object without `auditID` (extract.go's first check).
 */
export function k8sauditExtractor(name: string, index: number, arg: string): Extractor {
  const found = definition(name);
  if (!found) throw new Error(`no k8saudit field ${name}`);
  const extract = found.extract;
  return (event) => (jsonGet(event, 'auditID') === undefined ? undefined : extract(event, index, arg));
}

export { NO_INDEX };
