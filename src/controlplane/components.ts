import { derivation, derived } from '../model/derived.ts';
import { containersOf } from '../model/containers.ts';
import type { Inventory } from '../model/inventory.ts';
import type { FieldPath, Mapping } from '../model/path.ts';
import { getAt, isRecord } from '../model/path.ts';
import type { Resource } from '../model/resource.ts';
import { KUBEADM_DEFAULT_FLAGS } from './kubeadm-defaults.ts';
import { normalizeFlagName, parseFlags } from './flags.ts';
import type { FlagNaming, FlagOccurrence } from './flags.ts';

/** The control-plane components whose flags kubeward audits. */
export const COMPONENTS = ['kube-apiserver', 'etcd', 'kube-controller-manager', 'kube-scheduler'] as const;

/** One of {@link COMPONENTS}. */
export type ComponentName = (typeof COMPONENTS)[number];

/** How a component reads its flag names: etcd with Go's flag package, the others with component-base. */
function flagNamingOf(component: ComponentName): FlagNaming {
  return component === 'etcd' ? 'go-flag' : 'component-base';
}

/** A flag with the path of the field that sets it, relative to the object it was read from. */
export interface ComponentFlag extends FlagOccurrence {
  readonly path: FieldPath;
}

/**
 * How one component is configured, as read from one object: a static pod manifest (or a process
 * line turned into one), or a kubeadm ClusterConfiguration (kubeadm's own flags, then `extraArgs`).
 */
export interface ComponentView {
  readonly component: ComponentName;
  readonly resource: Resource;
  readonly source: 'static-pod' | 'kubeadm';
  /** Every flag occurrence in order of precedence (later wins). */
  readonly flags: readonly ComponentFlag[];
  /** Where a finding about a missing flag points (the container's command, the extraArgs). */
  readonly anchor: FieldPath;
}

/**
 * Every control-plane component found in the inventory. Static pods come first, recognised by the
 * container's binary (`command[0]` basename), its name, or the pod's `component` label. A kubeadm
 * ClusterConfiguration contributes a component only when no static pod runs it (the manifest is what
 * runs); an external etcd contributes none. As in kubeadm (ArgumentsToCommand), an extraArgs name
 * replaces kubeadm's own flag of exactly that name; repeated v1beta4 entries all reach the command
 * line. The component then reads the names as it reads any flag (`authorization_mode` is
 * `authorization-mode` for component-base), so kubeadm keeps its own `--authorization-mode` beside an
 * extraArgs `authorization_mode`, and the component sees both.
 */
export function componentViews(inventory: Inventory): readonly ComponentView[] {
  return derived(inventory, COMPONENT_VIEWS);
}

const COMPONENT_VIEWS = derivation('control-plane components', (inventory): readonly ComponentView[] => {
  const views: ComponentView[] = [];
  for (const resource of inventory.resources) {
    if (resource.kind !== 'Pod') continue;
    for (const view of staticPodViews(resource)) views.push(view);
  }
  const running = new Set(views.map((view) => view.component));
  for (const resource of inventory.configs) {
    if (resource.kind !== 'ClusterConfiguration') continue;
    for (const view of kubeadmViews(resource)) if (!running.has(view.component)) views.push(view);
  }
  return views;
});

/** The views of one component, in input order. */
export function viewsOf(inventory: Inventory, component: ComponentName): readonly ComponentView[] {
  return componentViews(inventory).filter((view) => view.component === component);
}

/** The winning occurrence of a scalar flag (the last), or undefined when absent. */
export function flagOf(view: ComponentView, name: string): ComponentFlag | undefined {
  for (let index = view.flags.length - 1; index >= 0; index--) {
    const flag = view.flags[index];
    if (flag?.name === name) return flag;
  }
  return undefined;
}

/** Every occurrence of a slice flag (pflag appends repeated slice flags). */
export function flagsNamed(view: ComponentView, name: string): readonly ComponentFlag[] {
  return view.flags.filter((flag) => flag.name === name);
}

/** The elements of a slice flag across its occurrences, comma-split. */
export function listOf(view: ComponentView, name: string): readonly string[] {
  return flagsNamed(view, name)
    .flatMap((flag) => flag.value.split(','))
    .map((element) => element.trim())
    .filter((element) => element !== '');
}

function componentOfContainer(container: Mapping, podLabel: string | undefined): ComponentName | undefined {
  const command = Array.isArray(container.command) ? container.command : [];
  const binary = typeof command[0] === 'string' ? (command[0].split('/').pop() ?? '') : '';
  const name = typeof container.name === 'string' ? container.name : '';
  for (const component of COMPONENTS) if (binary === component) return component;
  for (const component of COMPONENTS) if (name === component) return component;
  for (const component of COMPONENTS) if (podLabel === component) return component;
  return undefined;
}

function staticPodViews(resource: Resource): ComponentView[] {
  const spec = resource.object.spec;
  if (!isRecord(spec)) return [];
  const label = getAt(resource.object, ['metadata', 'labels', 'component']);
  const views: ComponentView[] = [];
  for (const ref of containersOf(spec)) {
    if (ref.field !== 'containers') continue;
    const component = componentOfContainer(ref.container, typeof label === 'string' ? label : undefined);
    if (!component) continue;
    const base: FieldPath = ['spec', ...ref.path];
    const command = stringsOf(ref.container.command);
    const args = stringsOf(ref.container.args);
    const argv = [...command, ...args];
    const pathOf = (index: number): FieldPath =>
      index < command.length ? [...base, 'command', index] : [...base, 'args', index - command.length];
    const fromEnv = component === 'etcd' ? etcdEnvFlags(ref.container, base) : [];
    views.push({
      component,
      resource,
      source: 'static-pod',
      flags: [
        ...fromEnv,
        ...parseFlags(argv, flagNamingOf(component)).map((flag) => ({ ...flag, path: pathOf(flag.index) })),
      ],
      anchor: [...base, command.length > 0 || args.length === 0 ? 'command' : 'args'],
    });
  }
  return views;
}

/** etcd reads `ETCD_<FLAG>` variables; command-line flags take precedence over them. */
function etcdEnvFlags(container: Mapping, base: FieldPath): ComponentFlag[] {
  const env = Array.isArray(container.env) ? container.env : [];
  const flags: ComponentFlag[] = [];
  env.forEach((entry: unknown, index) => {
    if (!isRecord(entry) || typeof entry.name !== 'string' || typeof entry.value !== 'string') return;
    if (!entry.name.startsWith('ETCD_')) return;
    const name = entry.name.slice(5).toLowerCase().replaceAll('_', '-');
    flags.push({ name, value: entry.value, index: -1, path: [...base, 'env', index, 'value'] });
  });
  return flags;
}

const KUBEADM_FIELDS: readonly (readonly [ComponentName, FieldPath])[] = [
  ['kube-apiserver', ['apiServer']],
  ['kube-controller-manager', ['controllerManager']],
  ['kube-scheduler', ['scheduler']],
  ['etcd', ['etcd', 'local']],
];

function kubeadmViews(resource: Resource): ComponentView[] {
  const views: ComponentView[] = [];
  for (const [component, field] of KUBEADM_FIELDS) {
    if (component === 'etcd' && getAt(resource.object, ['etcd', 'external']) !== undefined) continue;
    const section = getAt(resource.object, field);
    const anchor: FieldPath = isRecord(section) ? field : [];
    const extraArgs = isRecord(section) ? section.extraArgs : undefined;
    const extra = extraArgsFlags(extraArgs, [...field, 'extraArgs']);
    const overridden = new Set(extra.map((flag) => flag.name));
    const defaults = KUBEADM_DEFAULT_FLAGS[component]
      .filter(([name]) => !overridden.has(name))
      .map(([name, value]) => ({ name, value, index: -1, path: anchor }));
    views.push({
      component,
      resource,
      source: 'kubeadm',
      flags: [...defaults, ...extra].map((flag) => ({
        ...flag,
        name: normalizeFlagName(flag.name, flagNamingOf(component)),
      })),
      anchor: extraArgs === undefined ? anchor : [...field, 'extraArgs'],
    });
  }
  return views;
}

/** `extraArgs` as a v1beta3 map (`name: value`) or a v1beta4 list (`- {name, value}`, repeats allowed). */
function extraArgsFlags(extraArgs: unknown, path: FieldPath): ComponentFlag[] {
  if (isRecord(extraArgs)) {
    return Object.entries(extraArgs)
      .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
      .map(([name, value]) => ({ name, value, index: -1, path: [...path, name] }));
  }
  if (!Array.isArray(extraArgs)) return [];
  const flags: ComponentFlag[] = [];
  extraArgs.forEach((arg: unknown, index) => {
    if (isRecord(arg) && typeof arg.name === 'string' && typeof arg.value === 'string')
      flags.push({ name: arg.name, value: arg.value, index: -1, path: [...path, index, 'value'] });
  });
  return flags;
}

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
