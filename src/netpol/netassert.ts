import { load, YAMLException } from '../load/js-yaml.ts';
import { InputError } from '../model/errors.ts';
import { isRecord } from '../model/path.ts';
import { KUBERNETES_YAML_SCHEMA } from '../load/yaml-schema.ts';
import type { Protocol } from './ports.ts';

/** Where a tested connection starts: a workload, or a host outside the cluster (v1 `host:`). */
export type AssertionSource =
  | {
      readonly type: 'workload';
      readonly kind: string | undefined;
      readonly namespace: string;
      readonly name: string;
    }
  | { readonly type: 'host'; readonly name: string };

/** Where it goes: a workload (v2 `k8sResource`, v1 `ns:name`) or a name (IP, Service DNS name, hostname). */
export type AssertionTarget =
  | {
      readonly type: 'workload';
      readonly kind: string | undefined;
      readonly namespace: string;
      readonly name: string;
    }
  | { readonly type: 'name'; readonly name: string };

/** One netassert test: a connection that must be open (`expectOpen`) or closed. */
export interface Assertion {
  readonly name: string;
  readonly source: AssertionSource;
  readonly target: AssertionTarget;
  readonly protocol: Protocol;
  readonly port: number;
  readonly expectOpen: boolean;
  /** True when the port is the pod's (v2 targetPort); false when it is the Service's (v1 DNS targets). */
  readonly podPort: boolean;
}

function fail(file: string, message: string): never {
  throw new InputError(`${file}: ${message}`);
}

/** Splits a v1 port spec (`80`, `-80, -443`, `UDP:53`, `[22, -999, -TCP:30731]`) into items. */
function portItems(
  file: string,
  where: string,
  spec: unknown,
): { protocol: Protocol; port: number; open: boolean }[] | undefined {
  const scalars = Array.isArray(spec) ? (spec as unknown[]) : [spec];
  const items: { protocol: Protocol; port: number; open: boolean }[] = [];
  for (const scalar of scalars) {
    for (const token of String(scalar)
      .split(/[\s,]+/)
      .filter((part) => part !== '')) {
      const match = /^(-)?(?:(TCP|UDP|ICMP):)?(\d+)$/.exec(token);
      if (!match) fail(file, `${where}: invalid port ${JSON.stringify(token)}`);
      if (match[2] === 'ICMP') continue;
      const port = Number(match[3]);
      if (port < 1 || port > 65535) fail(file, `${where}: port ${port} out of range`);
      items.push({ protocol: match[2] === 'UDP' ? 'UDP' : 'TCP', port, open: match[1] === undefined });
    }
    if (String(scalar).trim() === '') fail(file, `${where}: empty port(s) found`);
  }
  return items;
}

function v1Target(name: string): AssertionTarget {
  const colon = name.indexOf(':');
  if (colon > 0 && !name.includes('.') && !/^[0-9a-f:]+$/i.test(name)) {
    return {
      type: 'workload',
      kind: 'deployment',
      namespace: name.slice(0, colon),
      name: name.slice(colon + 1),
    };
  }
  return { type: 'name', name };
}

function parseV1(file: string, document: Readonly<Record<string, unknown>>): Assertion[] {
  const assertions: Assertion[] = [];
  const addSection = (
    sources: unknown,
    makeSource: (key: string) => AssertionSource,
    label: (key: string) => string,
  ): void => {
    if (!isRecord(sources)) return;
    for (const [sourceKey, targets] of Object.entries(sources)) {
      if (!isRecord(targets)) fail(file, `${sourceKey}: expected a mapping of targets to ports`);
      const source = makeSource(sourceKey);
      for (const [targetKey, spec] of Object.entries(targets)) {
        for (const item of portItems(file, `${sourceKey} -> ${targetKey}`, spec) ?? []) {
          assertions.push({
            name: `${label(sourceKey)} ${item.open ? 'can' : 'cannot'} reach ${targetKey} on ${item.protocol}:${item.port}`,
            source,
            target: v1Target(targetKey),
            protocol: item.protocol,
            port: item.port,
            expectOpen: item.open,
            podPort: false,
          });
        }
      }
    }
  };
  for (const key of ['k8s', 'kubernetes']) {
    const section = document[key];
    if (section === undefined) continue;
    if (!isRecord(section)) fail(file, `${key}: expected a mapping`);
    addSection(
      section.deployment,
      (sourceKey) => {
        if (sourceKey === 'localhost') fail(file, `${key}.deployment: localhost is not a deployment`);
        const colon = sourceKey.indexOf(':');
        return colon === -1
          ? { type: 'workload', kind: 'deployment', namespace: 'default', name: sourceKey }
          : {
              type: 'workload',
              kind: 'deployment',
              namespace: sourceKey.slice(0, colon),
              name: sourceKey.slice(colon + 1),
            };
      },
      (sourceKey) => (sourceKey.includes(':') ? sourceKey : `default:${sourceKey}`),
    );
  }
  for (const key of ['host', 'instance'])
    addSection(
      document[key],
      (name) => ({ type: 'host', name }),
      (name) => `host ${name}`,
    );
  return assertions;
}

const V2_KINDS = new Set(['deployment', 'statefulset', 'daemonset', 'pod']);

function k8sResource(
  file: string,
  where: string,
  value: unknown,
): { kind: string; namespace: string; name: string } {
  const resource = isRecord(value) ? value.k8sResource : undefined;
  if (!isRecord(resource)) fail(file, `${where}: k8sResource is required`);
  const { kind, name, namespace } = resource;
  if (typeof kind !== 'string' || !V2_KINDS.has(kind))
    fail(file, `${where}: kind must be deployment, statefulset, daemonset or pod`);
  if (typeof name !== 'string' || name === '' || typeof namespace !== 'string' || namespace === '')
    fail(file, `${where}: name and namespace are required`);
  return { kind, namespace, name };
}

function parseV2(file: string, tests: readonly unknown[]): Assertion[] {
  const names = new Set<string>();
  return tests.map((test, index): Assertion => {
    if (!isRecord(test)) fail(file, `test ${index}: expected a mapping`);
    const name = test.name;
    if (typeof name !== 'string' || name === '') fail(file, `test ${index}: name is required`);
    if (names.has(name)) fail(file, `test ${name}: duplicated name`);
    names.add(name);
    if (test.type !== 'k8s') fail(file, `test ${name}: type must be k8s`);
    const protocol = test.protocol ?? 'tcp';
    if (protocol !== 'tcp' && protocol !== 'udp')
      fail(file, `test ${name}: invalid protocol ${JSON.stringify(protocol)}`);
    const port = test.targetPort;
    if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535)
      fail(file, `test ${name}: targetPort must be 1-65535`);
    const exitCode = test.exitCode ?? 0;
    if (typeof exitCode !== 'number') fail(file, `test ${name}: exitCode must be a number`);
    const source = k8sResource(file, `test ${name} src`, test.src);
    const dst = isRecord(test.dst) ? test.dst : {};
    let target: AssertionTarget;
    if (dst.k8sResource !== undefined && dst.host !== undefined)
      fail(file, `test ${name}: dst takes k8sResource or host, not both`);
    if (isRecord(dst.host)) {
      if (protocol === 'udp') fail(file, `test ${name}: host destinations cannot be tested over udp`);
      if (typeof dst.host.name !== 'string' || dst.host.name === '')
        fail(file, `test ${name}: dst.host.name is required`);
      target = { type: 'name', name: dst.host.name };
    } else target = { type: 'workload', ...k8sResource(file, `test ${name} dst`, dst) };
    return {
      name,
      source: { type: 'workload', ...source },
      target,
      protocol: protocol === 'udp' ? 'UDP' : 'TCP',
      port,
      expectOpen: exitCode === 0,
      podPort: true,
    };
  });
}

/**
 * Reads a netassert file: the v2 test list (a YAML sequence) or the v1 map (`k8s:` / `host:`).
 * Spec errors (empty ports, duplicate names, bad kinds) throw InputError naming the file.
 */
export function parseNetassert(file: string, text: string): Assertion[] {
  let document: unknown;
  try {
    document = load(text, { schema: KUBERNETES_YAML_SCHEMA });
  } catch (error) {
    if (error instanceof YAMLException) fail(file, error.message);
    throw error;
  }
  if (Array.isArray(document)) return parseV2(file, document);
  if (isRecord(document)) return parseV1(file, document);
  return fail(file, 'expected a netassert v1 map or v2 test list');
}
