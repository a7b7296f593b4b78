// Reads kube-apiserver's RBAC bootstrap policy golden files (kubernetes/kubernetes
// plugin/pkg/auth/authorizer/rbac/bootstrappolicy/testdata/*.yaml, written by that package's
// policy_test.go) and turns them into the data of a generated table under src/rbac/bootstrap/.
import { load as parseYaml } from '../load/js-yaml.ts';
import type {
  BootstrapPolicy,
  BootstrapRule,
  BootstrapSubject,
  GoldenObject,
  GoldenSource,
} from '../rbac/bootstrap/types.ts';

/** Where upstream keeps the golden files. */
export const GOLDEN_DIRECTORY = 'plugin/pkg/auth/authorizer/rbac/bootstrappolicy/testdata';

/** The golden files a table is made of, in the order their objects are kept. */
export const GOLDEN_FILES = [
  'cluster-roles.yaml',
  'cluster-role-bindings.yaml',
  'controller-roles.yaml',
  'controller-role-bindings.yaml',
  'namespace-roles.yaml',
  'namespace-role-bindings.yaml',
] as const;

/** One golden file as read, with the upstream commit it was read at. */
export interface GoldenFile {
  readonly name: (typeof GOLDEN_FILES)[number];
  readonly text: string;
  readonly commit: string;
}

const KINDS: ReadonlySet<string> = new Set(['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding']);
const RBAC_V1 = 'rbac.authorization.k8s.io/v1';
const RBAC_GROUP = 'rbac.authorization.k8s.io';
const BOOTSTRAPPING = 'kubernetes.io/bootstrapping';
const ITEM_KEYS = new Set([
  'apiVersion',
  'kind',
  'metadata',
  'rules',
  'aggregationRule',
  'roleRef',
  'subjects',
]);
const METADATA_KEYS = new Set(['name', 'namespace', 'labels', 'annotations', 'creationTimestamp']);
const RULE_KEYS = ['apiGroups', 'resources', 'resourceNames', 'nonResourceURLs', 'verbs'] as const;
const SUBJECT_KEYS = new Set(['kind', 'name', 'namespace', 'apiGroup']);

type Mapping = Readonly<Record<string, unknown>>;

const isMapping = (value: unknown): value is Mapping =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function fail(where: string, message: string): never {
  throw new Error(`${where}: ${message}`);
}

function mapping(value: unknown, where: string, keys: ReadonlySet<string>): Mapping {
  if (!isMapping(value)) fail(where, 'expected a mapping');
  for (const key of Object.keys(value)) if (!keys.has(key)) fail(where, `unexpected field ${key}`);
  return value;
}

function text(value: unknown, where: string): string {
  if (typeof value !== 'string' || value === '') fail(where, 'expected a non-empty string');
  return value;
}

function strings(value: unknown, where: string): readonly string[] {
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string'))
    fail(where, 'expected a list of strings');
  return value as readonly string[];
}

function stringMap(value: unknown, where: string): Readonly<Record<string, string>> {
  if (!isMapping(value) || Object.values(value).some((item) => typeof item !== 'string'))
    fail(where, 'expected a mapping of strings');
  return value as Readonly<Record<string, string>>;
}

function readRule(value: unknown, where: string): BootstrapRule {
  const rule = mapping(value, where, new Set(RULE_KEYS));
  const read: Record<string, readonly string[]> = {};
  for (const key of RULE_KEYS) if (rule[key] !== undefined) read[key] = strings(rule[key], `${where}.${key}`);
  if (read.verbs === undefined) fail(where, 'a rule without verbs');
  return read as unknown as BootstrapRule;
}

function readSubject(value: unknown, where: string): BootstrapSubject {
  const subject = mapping(value, where, SUBJECT_KEYS);
  const kind = text(subject.kind, `${where}.kind`);
  const expectedGroup = kind === 'ServiceAccount' ? undefined : RBAC_GROUP;
  if (subject.apiGroup !== undefined && subject.apiGroup !== expectedGroup)
    fail(where, `apiGroup ${JSON.stringify(subject.apiGroup)} for a ${kind}`);
  return {
    kind,
    name: text(subject.name, `${where}.name`),
    ...(subject.namespace === undefined ? {} : { namespace: text(subject.namespace, `${where}.namespace`) }),
  };
}

function readItem(value: unknown, where: string): GoldenObject {
  const item = mapping(value, where, ITEM_KEYS);
  if (item.apiVersion !== RBAC_V1)
    fail(where, `apiVersion ${JSON.stringify(item.apiVersion)} is not ${RBAC_V1}`);
  const kind = text(item.kind, `${where}.kind`);
  if (!KINDS.has(kind)) fail(where, `kind ${kind} is not an RBAC role or binding`);
  const metadata = mapping(item.metadata, `${where}.metadata`, METADATA_KEYS);
  const { [BOOTSTRAPPING]: bootstrapping, ...labels } = stringMap(
    metadata.labels ?? {},
    `${where}.metadata.labels`,
  );
  if (bootstrapping !== 'rbac-defaults') fail(where, `without the label ${BOOTSTRAPPING}: rbac-defaults`);
  const object: {
    -readonly [K in keyof GoldenObject]: GoldenObject[K];
  } = { kind: kind as GoldenObject['kind'], name: text(metadata.name, `${where}.metadata.name`) };
  if (metadata.namespace !== undefined)
    object.namespace = text(metadata.namespace, `${where}.metadata.namespace`);
  if ((kind === 'Role' || kind === 'RoleBinding') !== (object.namespace !== undefined))
    fail(where, `a ${kind} ${object.namespace === undefined ? 'without' : 'with'} a namespace`);
  if (Object.keys(labels).length > 0) object.labels = labels;
  if (kind === 'ClusterRole' || kind === 'Role') {
    if (item.roleRef !== undefined || item.subjects !== undefined)
      fail(where, 'a role with roleRef or subjects');
    const rules = item.rules ?? [];
    if (!Array.isArray(rules)) fail(`${where}.rules`, 'expected a list');
    object.rules = rules.map((rule, index) => readRule(rule, `${where}.rules[${String(index)}]`));
    if (item.aggregationRule !== undefined)
      object.aggregationRule = readAggregation(item.aggregationRule, where);
    return object;
  }
  if (item.rules !== undefined || item.aggregationRule !== undefined) fail(where, 'a binding with rules');
  const roleRef = mapping(item.roleRef, `${where}.roleRef`, new Set(['apiGroup', 'kind', 'name']));
  if (roleRef.apiGroup !== RBAC_GROUP)
    fail(`${where}.roleRef`, `apiGroup ${JSON.stringify(roleRef.apiGroup)}`);
  const refKind = text(roleRef.kind, `${where}.roleRef.kind`);
  if (refKind !== 'ClusterRole' && (refKind !== 'Role' || kind !== 'RoleBinding'))
    fail(`${where}.roleRef`, `a ${kind} cannot refer to a ${refKind}`);
  object.roleRef = { kind: refKind, name: text(roleRef.name, `${where}.roleRef.name`) };
  const subjects = item.subjects ?? [];
  if (!Array.isArray(subjects)) fail(`${where}.subjects`, 'expected a list');
  object.subjects = subjects.map((subject, index) =>
    readSubject(subject, `${where}.subjects[${String(index)}]`),
  );
  return object;
}

function readAggregation(value: unknown, where: string): NonNullable<GoldenObject['aggregationRule']> {
  const rule = mapping(value, `${where}.aggregationRule`, new Set(['clusterRoleSelectors']));
  const selectors = rule.clusterRoleSelectors;
  if (!Array.isArray(selectors)) fail(`${where}.aggregationRule`, 'expected clusterRoleSelectors');
  return {
    clusterRoleSelectors: selectors.map((selector, index) => {
      const at = `${where}.aggregationRule.clusterRoleSelectors[${String(index)}]`;
      const read = mapping(selector, at, new Set(['matchLabels']));
      return { matchLabels: stringMap(read.matchLabels, `${at}.matchLabels`) };
    }),
  };
}

/** The objects of one golden file (a `kind: List`), in file order. Throws on anything unexpected. */
export function readGoldenFile(name: string, source: string): readonly GoldenObject[] {
  const document = parseYaml(source);
  const list = mapping(document, name, new Set(['apiVersion', 'kind', 'items', 'metadata']));
  if (list.kind !== 'List' || !Array.isArray(list.items)) fail(name, 'expected a kind: List with items');
  return list.items.map((item, index) => readItem(item, `${name}: items[${String(index)}]`));
}

/**
 * Upstream binds every controller ClusterRole `system:controller:NAME` to the ServiceAccount
 * kube-system/NAME (controller_policy.go); a table that breaks that pairing was read wrong.
 */
function checkControllerBindings(roles: readonly GoldenObject[], bindings: readonly GoldenObject[]): void {
  const expected = roles.map((role) => role.name).join('\n');
  const bound = bindings
    .filter(({ roleRef, subjects, name }) => {
      const [subject] = subjects ?? [];
      return (
        roleRef?.name === name &&
        subjects?.length === 1 &&
        subject?.kind === 'ServiceAccount' &&
        subject.namespace === 'kube-system' &&
        `system:controller:${subject.name}` === name
      );
    })
    .map((binding) => binding.name)
    .join('\n');
  if (bound !== expected || bindings.length !== roles.length)
    fail('controller-role-bindings.yaml', 'does not bind each controller role to its ServiceAccount');
}

/** The table of one Kubernetes version from its golden files (any subset of {@link GOLDEN_FILES}). */
export function bootstrapPolicy(
  kubernetesVersion: string,
  ref: string,
  files: readonly GoldenFile[],
): BootstrapPolicy {
  if (!/^1\.\d+$/.test(kubernetesVersion)) fail('version', `${kubernetesVersion} is not a minor version 1.N`);
  const byName = new Map(files.map((file) => [file.name, file]));
  if (byName.size !== files.length || byName.size === 0)
    fail('golden files', 'none given, or one given twice');
  const objects = new Map<string, readonly GoldenObject[]>();
  const sources: GoldenSource[] = [];
  for (const name of GOLDEN_FILES) {
    const file = byName.get(name);
    if (file === undefined) continue;
    if (!/^[0-9a-f]{40}$/.test(file.commit)) fail(name, `commit ${file.commit} is not a full SHA`);
    objects.set(name, readGoldenFile(name, file.text));
    sources.push({ file: name, commit: file.commit });
  }
  const controllerRoles = objects.get('controller-roles.yaml');
  const controllerBindings = objects.get('controller-role-bindings.yaml');
  if (controllerRoles !== undefined && controllerBindings !== undefined)
    checkControllerBindings(controllerRoles, controllerBindings);
  const all = [...objects.values()].flat();
  const keys = new Set<string>();
  for (const object of all) {
    const key = `${object.kind}/${object.namespace ?? ''}/${object.name}`;
    if (keys.has(key)) fail('golden files', `${key} is declared twice`);
    keys.add(key);
  }
  return { kubernetesVersion, ref, sources, objects: all };
}

/** `BOOTSTRAP_POLICY_1_36`: the export name of a version's table. */
export const policyExportName = (kubernetesVersion: string): string =>
  `BOOTSTRAP_POLICY_${kubernetesVersion.replace('.', '_')}`;

/**
 * The TypeScript module of a version's table (before formatting): a header citing the upstream
 * path, ref and commits, and the data as one literal.
 */
export function policyModule(policy: BootstrapPolicy): string {
  const lines = [
    '// Generated by scripts/gen-bootstrap-policy.ts, do not edit.',
    `// Kubernetes ${policy.kubernetesVersion}: the RBAC bootstrap policy golden files of kubernetes/kubernetes`,
    `// ${GOLDEN_DIRECTORY}/ at ${policy.ref}:`,
    ...policy.sources.map((source) => `//   ${source.file} at commit ${source.commit}`),
    "import type { BootstrapPolicy } from './types.ts';",
    '',
    `/** The default roles and bindings kube-apiserver ${policy.kubernetesVersion} creates, as its golden files list them. */`,
    `export const ${policyExportName(policy.kubernetesVersion)}: BootstrapPolicy = ${JSON.stringify(policy)};`,
    '',
  ];
  return lines.join('\n');
}
