import { containersOf } from '../model/containers.ts';
import { getAt, isRecord } from '../model/path.ts';
import type { FieldPath, Mapping } from '../model/path.ts';
import { podSpecPathOf } from './pod-template.ts';
import { BUILT_IN_KINDS, CONTAINER_SECURITY_CONTEXT_KEYS, POD_SECURITY_CONTEXT_KEYS } from './schemas.ts';

const SCHEMA_BASE =
  'https://raw.githubusercontent.com/yannh/kubernetes-json-schema/master/master-standalone-strict';

/** One schema violation, kubeconform style: a JSON pointer and a message. */
interface SchemaError {
  readonly path: FieldPath;
  readonly message: string;
}

const WORKLOADS_WITH_SELECTOR: ReadonlySet<string> = new Set([
  'Deployment',
  'ReplicaSet',
  'DaemonSet',
  'StatefulSet',
]);
/** The kinds kubesec scores: those with a pod template (or a pod spec). */
export const POD_KINDS: ReadonlySet<string> = new Set([
  'Pod',
  'Deployment',
  'ReplicaSet',
  'DaemonSet',
  'StatefulSet',
  'Job',
  'CronJob',
  'ReplicationController',
]);
const POD_BOOLEANS = [
  'hostNetwork',
  'hostPID',
  'hostIPC',
  'hostUsers',
  'automountServiceAccountToken',
] as const;
const CONTEXT_BOOLEANS = ['privileged', 'readOnlyRootFilesystem', 'runAsNonRoot', 'allowPrivilegeEscalation'];
const CONTEXT_INTEGERS = ['runAsUser', 'runAsGroup'];

/**
 * An offline stand-in for kubesec's kubeconform step (strict `master` schemas), returning kubeconform's
 * message for the first problem class met, or undefined when the object passes. It covers: missing
 * `kind`/`apiVersion`, unknown apiVersion/kind pairs, `metadata.name`/`namespace` types, the required
 * `selector`, `template` and `containers`, container names, the types of the fields kubesec scores,
 * and unknown keys in pod and container securityContexts. It is not the full OpenAPI schema: other
 * mistakes pass here where kubesec would reject them.
 */
export function validateObject(object: unknown): string | undefined {
  if (!isRecord(object) || typeof object.kind !== 'string' || object.kind === '')
    return "error while parsing: missing 'kind' key";
  if (typeof object.apiVersion !== 'string' || object.apiVersion === '')
    return "error while parsing: missing 'apiVersion' key";
  const { kind, apiVersion } = object;
  if (!(BUILT_IN_KINDS[apiVersion] ?? []).includes(kind)) return `could not find schema for ${kind}`;
  const errors = schemaErrors(kind, object);
  if (errors.length === 0) return undefined;
  const slash = apiVersion.indexOf('/');
  const file = `${kind.toLowerCase()}-${slash === -1 ? apiVersion : `${apiVersion.slice(0, slash).split('.')[0] ?? ''}-${apiVersion.slice(slash + 1)}`}`;
  const lines = errors.map(({ path, message }) => `- at '${pointer(path)}': ${message}`);
  return `problem validating schema. Check JSON formatting: jsonschema validation failed with '${SCHEMA_BASE}/${file}.json#'\n${lines.join('\n')}\n`;
}

function schemaErrors(kind: string, object: Mapping): SchemaError[] {
  const errors: SchemaError[] = [];
  const metadata = object.metadata;
  if (isRecord(metadata))
    for (const key of ['name', 'namespace'])
      if (metadata[key] !== undefined && metadata[key] !== null && typeof metadata[key] !== 'string')
        errors.push({ path: ['metadata', key], message: `got ${jsonType(metadata[key])}, want string` });
  if (!POD_KINDS.has(kind)) return errors;
  const spec = object.spec;
  if (kind !== 'Pod' && isRecord(spec)) {
    if (spec.replicas !== undefined) expectType(errors, ['spec', 'replicas'], spec.replicas, 'integer');
    const required = WORKLOADS_WITH_SELECTOR.has(kind)
      ? ['selector', 'template']
      : kind === 'CronJob'
        ? ['jobTemplate', 'schedule']
        : ['template'];
    const missing = required.filter((key) => !(key in spec));
    if (missing.length > 0) errors.push({ path: ['spec'], message: missingMessage(missing) });
  }
  const path = podSpecPathOf(kind);
  const podSpec = getAt(object, path);
  if (isRecord(podSpec)) for (const error of podSpecErrors(podSpec, path)) errors.push(error);
  return errors;
}

function podSpecErrors(podSpec: Mapping, at: FieldPath): SchemaError[] {
  const errors: SchemaError[] = [];
  if (!('containers' in podSpec)) errors.push({ path: at, message: missingMessage(['containers']) });
  for (const field of POD_BOOLEANS)
    if (field in podSpec) expectType(errors, [...at, field], podSpec[field], 'boolean');
  const podContext = podSpec.securityContext;
  if (isRecord(podContext))
    for (const error of contextErrors(podContext, [...at, 'securityContext'], POD_SECURITY_CONTEXT_KEYS))
      errors.push(error);
  for (const ref of containersOf(podSpec)) {
    const path = [...at, ...ref.path];
    if (!('name' in ref.container)) errors.push({ path, message: missingMessage(['name']) });
    const context = ref.container.securityContext;
    if (isRecord(context))
      for (const error of contextErrors(
        context,
        [...path, 'securityContext'],
        CONTAINER_SECURITY_CONTEXT_KEYS,
      ))
        errors.push(error);
  }
  return errors;
}

function contextErrors(context: Mapping, at: FieldPath, allowed: ReadonlySet<string>): SchemaError[] {
  const errors: SchemaError[] = [];
  const extra = Object.keys(context).filter((key) => !allowed.has(key));
  if (extra.length > 0)
    errors.push({
      path: at,
      message: `additional properties ${extra.map((key) => `'${key}'`).join(', ')} not allowed`,
    });
  for (const field of CONTEXT_BOOLEANS)
    if (allowed.has(field) && field in context) expectType(errors, [...at, field], context[field], 'boolean');
  for (const field of CONTEXT_INTEGERS)
    if (field in context) expectType(errors, [...at, field], context[field], 'integer');
  return errors;
}

function expectType(
  errors: SchemaError[],
  path: FieldPath,
  value: unknown,
  want: 'boolean' | 'integer',
): void {
  const actual = jsonType(value);
  if (actual === 'null' || actual === want || (want === 'integer' && actual === 'integer')) return;
  errors.push({ path, message: `got ${actual}, want null or ${want}` });
}

function missingMessage(keys: readonly string[]): string {
  return keys.length === 1
    ? `missing property '${keys[0] ?? ''}'`
    : `missing properties ${keys.map((key) => `'${key}'`).join(', ')}`;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value === 'object' ? 'object' : typeof value;
}

function pointer(path: FieldPath): string {
  return path.map((segment) => `/${String(segment).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}
