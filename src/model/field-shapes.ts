import type { FieldPath } from './path.ts';
import { isRecord } from './path.ts';

type Scalar = 'boolean' | 'string' | 'integer';
/**
 * A field's expected JSON type; nested shapes for maps of known fields, maps of any keys (`values`)
 * and lists. `null` is always accepted (= unset).
 */
type Shape =
  Scalar | 'map' | 'list' | { readonly map: Fields } | { readonly values: Shape } | { readonly list: Shape };
type Fields = Readonly<Record<string, Shape>>;

const CAPABILITIES: Fields = { add: { list: 'string' }, drop: { list: 'string' } };

const SECURITY_CONTEXT: Fields = {
  privileged: 'boolean',
  allowPrivilegeEscalation: 'boolean',
  readOnlyRootFilesystem: 'boolean',
  runAsNonRoot: 'boolean',
  runAsUser: 'integer',
  runAsGroup: 'integer',
  procMount: 'string',
  capabilities: { map: CAPABILITIES },
  seccompProfile: { map: { type: 'string', localhostProfile: 'string' } },
  appArmorProfile: { map: { type: 'string', localhostProfile: 'string' } },
  seLinuxOptions: { map: { type: 'string', user: 'string', role: 'string', level: 'string' } },
  windowsOptions: { map: { hostProcess: 'boolean' } },
};

const POD_SECURITY_CONTEXT: Fields = {
  runAsNonRoot: 'boolean',
  runAsUser: 'integer',
  runAsGroup: 'integer',
  fsGroup: 'integer',
  supplementalGroups: { list: 'integer' },
  sysctls: { list: { map: { name: 'string', value: 'string' } } },
  seccompProfile: { map: { type: 'string', localhostProfile: 'string' } },
  appArmorProfile: { map: { type: 'string', localhostProfile: 'string' } },
  seLinuxOptions: { map: { type: 'string', user: 'string', role: 'string', level: 'string' } },
  windowsOptions: { map: { hostProcess: 'boolean' } },
};

const PROBE: Shape = {
  map: {
    httpGet: { map: { host: 'string', path: 'string' } },
    tcpSocket: { map: { host: 'string' } },
  },
};

const CONTAINER: Shape = {
  map: {
    name: 'string',
    image: 'string',
    imagePullPolicy: 'string',
    command: { list: 'string' },
    args: { list: 'string' },
    securityContext: { map: SECURITY_CONTEXT },
    env: { list: { map: { name: 'string', value: 'string', valueFrom: 'map' } } },
    envFrom: { list: 'map' },
    ports: {
      list: {
        map: {
          name: 'string',
          containerPort: 'integer',
          hostPort: 'integer',
          protocol: 'string',
          hostIP: 'string',
        },
      },
    },
    resources: { map: { limits: 'map', requests: 'map' } },
    volumeMounts: { list: { map: { name: 'string', mountPath: 'string', readOnly: 'boolean' } } },
    livenessProbe: PROBE,
    readinessProbe: PROBE,
    startupProbe: PROBE,
    lifecycle: { map: { postStart: PROBE, preStop: PROBE } },
  },
};

const POD_SPEC: Fields = {
  containers: { list: CONTAINER },
  initContainers: { list: CONTAINER },
  ephemeralContainers: { list: CONTAINER },
  volumes: { list: { map: { name: 'string', hostPath: { map: { path: 'string', type: 'string' } } } } },
  hostNetwork: 'boolean',
  hostPID: 'boolean',
  hostIPC: 'boolean',
  hostUsers: 'boolean',
  shareProcessNamespace: 'boolean',
  automountServiceAccountToken: 'boolean',
  serviceAccountName: 'string',
  serviceAccount: 'string',
  nodeName: 'string',
  securityContext: { map: POD_SECURITY_CONTEXT },
  hostAliases: { list: 'map' },
  os: { map: { name: 'string' } },
};

/** ObjectMeta's fields that kubeward reads: an object's name and namespace, its labels and annotations. */
const OBJECT_META: Shape = {
  map: {
    name: 'string',
    generateName: 'string',
    namespace: 'string',
    labels: { values: 'string' },
    annotations: { values: 'string' },
  },
};

/** A field whose value has the wrong JSON type, as the API server would refuse it. */
export interface ShapeIssue {
  readonly path: FieldPath;
  readonly message: string;
}

/**
 * A shape made ready to walk: its JSON type, and the shapes of a map's fields, of every value of a
 * map of any keys, or of a list's items.
 */
interface Walk {
  readonly expected: Scalar | 'map' | 'list';
  readonly fields: readonly (readonly [string, Walk])[];
  readonly values: Walk | undefined;
  readonly items: Walk | undefined;
}

function walkOf(shape: Shape): Walk {
  if (typeof shape === 'string') return { expected: shape, fields: [], values: undefined, items: undefined };
  if ('map' in shape)
    return {
      expected: 'map',
      fields: Object.entries(shape.map).map(([key, field]) => [key, walkOf(field)] as const),
      values: undefined,
      items: undefined,
    };
  if ('values' in shape)
    return { expected: 'map', fields: [], values: walkOf(shape.values), items: undefined };
  return { expected: 'list', fields: [], values: undefined, items: walkOf(shape.list) };
}

const POD_SPEC_WALK = walkOf({ map: POD_SPEC });
const OBJECT_META_WALK = walkOf(OBJECT_META);

/**
 * Checks the types of the pod spec fields that kubeward's checks read (not a full OpenAPI validation):
 * `privileged: "yes"` or `containers` given as a map are reported, so checks never see them.
 */
export function podSpecShapeIssues(podSpec: unknown): ShapeIssue[] {
  return shapeIssues(podSpec, POD_SPEC_WALK);
}

/**
 * Checks the types of an object's or a pod template's metadata, as ObjectMeta decodes it: a name,
 * generateName or namespace that is not a string, labels or annotations that are not a map of
 * strings. Under YAML 1.1, `namespace: y` and `enabled: true` are booleans; kubectl refuses them
 * ("cannot unmarshal bool into Go struct field ObjectMeta.metadata.labels of type string").
 */
export function objectMetaShapeIssues(metadata: unknown): ShapeIssue[] {
  return shapeIssues(metadata, OBJECT_META_WALK);
}

function shapeIssues(value: unknown, walk: Walk): ShapeIssue[] {
  const issues: ShapeIssue[] = [];
  if (value !== null && value !== undefined) check(value, walk, [], issues);
  return issues;
}

/** Walks `value` against `shape`; `path` is a stack, copied only into an issue. */
function check(value: unknown, shape: Walk, path: (string | number)[], issues: ShapeIssue[]): void {
  if (!hasType(value, shape.expected)) {
    issues.push({ path: [...path], message: `must be ${article(shape.expected)}, got ${describe(value)}` });
    return;
  }
  if (shape.expected === 'map') {
    const record = value as Readonly<Record<string, unknown>>;
    for (const [key, field] of shape.fields) {
      const fieldValue = record[key];
      if (fieldValue === null || fieldValue === undefined) continue;
      path.push(key);
      check(fieldValue, field, path, issues);
      path.pop();
    }
    if (shape.values !== undefined)
      for (const key of Object.keys(record)) {
        const fieldValue = record[key];
        if (fieldValue === null || fieldValue === undefined) continue;
        path.push(key);
        check(fieldValue, shape.values, path, issues);
        path.pop();
      }
  } else if (shape.items !== undefined) {
    const list = value as readonly unknown[];
    for (let i = 0; i < list.length; i++) {
      if (list[i] === null || list[i] === undefined) continue;
      path.push(i);
      check(list[i], shape.items, path, issues);
      path.pop();
    }
  }
}

function hasType(value: unknown, expected: Scalar | 'map' | 'list'): boolean {
  switch (expected) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return Number.isInteger(value);
    case 'map':
      return isRecord(value);
    case 'list':
      return Array.isArray(value);
  }
}

function article(type: string): string {
  return type === 'integer' ? 'an integer' : type === 'map' ? 'a map' : `a ${type}`;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (isRecord(value)) return 'a map';
  if (typeof value === 'string')
    return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}
