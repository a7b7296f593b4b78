import type { InventoryViolation } from '../model/check.ts';
import type { Inventory } from '../model/inventory.ts';
import type { ComponentFlag, ComponentView } from './components.ts';
import { flagOf, flagsNamed, viewsOf } from './components.ts';
import type { MinorVersion } from './component-version.ts';
import { atLeast, componentVersion, versionText } from './component-version.ts';
import { flagViolation } from './violation.ts';

/**
 * The admission plugins kube-apiserver runs when no flag names them: kubernetes/kubernetes
 * pkg/kubeapiserver/options/plugins.go, DefaultOffAdmissionPlugins() (every registered plugin minus
 * its `defaultOnPlugins` set), read at master (commit 008b3652959c). Each entry carries the minor
 * release whose defaultOnPlugins first listed it; entries without one were default-on before 1.24,
 * the oldest release modelled. PodSecurity joined the set in 1.23 (KEP-2579, beta); NodeRestriction,
 * AlwaysAdmit, AlwaysPullImages, EventRateLimit, DenyServiceExternalIPs and ImagePolicyWebhook have
 * never been in it.
 */
const DEFAULT_ON_ADMISSION_PLUGINS: readonly (readonly [string, MinorVersion | undefined])[] = [
  ['NamespaceLifecycle', undefined],
  ['LimitRanger', undefined],
  ['ServiceAccount', undefined],
  ['DefaultStorageClass', undefined],
  ['PersistentVolumeClaimResize', undefined],
  ['DefaultTolerationSeconds', undefined],
  ['MutatingAdmissionWebhook', undefined],
  ['ValidatingAdmissionWebhook', undefined],
  ['ResourceQuota', undefined],
  ['StorageObjectInUseProtection', undefined],
  ['Priority', undefined],
  ['TaintNodesByCondition', undefined],
  ['RuntimeClass', undefined],
  ['CertificateApproval', undefined],
  ['CertificateSigning', undefined],
  ['CertificateSubjectRestriction', undefined],
  ['DefaultIngressClass', undefined],
  ['PodSecurity', { major: 1, minor: 23 }],
  ['ValidatingAdmissionPolicy', { major: 1, minor: 26 }],
  ['ClusterTrustBundleAttest', { major: 1, minor: 27 }],
  ['MutatingAdmissionPolicy', { major: 1, minor: 32 }],
  ['PodTopologyLabels', { major: 1, minor: 33 }],
  ['NodeDeclaredFeatureValidator', { major: 1, minor: 35 }],
  ['PodGroupProtection', { major: 1, minor: 36 }],
  ['PodGroupWorkloadExists', { major: 1, minor: 36 }],
  ['JobValidation', { major: 1, minor: 36 }],
  ['PodResizeValidator', { major: 1, minor: 36 }],
];

/** The default-on admission plugins of a release; every entry when the version is unknown (the newest). */
export function defaultOnAdmissionPlugins(version: MinorVersion | undefined): ReadonlySet<string> {
  return new Set(
    DEFAULT_ON_ADMISSION_PLUGINS.filter(
      ([, since]) =>
        since === undefined || version === undefined || atLeast(version, since.major, since.minor),
    ).map(([name]) => name),
  );
}

/** Why a plugin runs or not: the flag occurrence that decided it, or the release's default. */
export interface AdmissionDecision {
  readonly enabled: boolean;
  /** The occurrence of the flag that named (or, for `--admission-control`, left out) the plugin. */
  readonly flag: ComponentFlag | undefined;
  /** How it was decided, for messages. */
  readonly by: 'default' | 'enable-admission-plugins' | 'disable-admission-plugins' | 'admission-control';
}

/** A combination of admission flags the API server refuses at start-up (Validate). */
export interface AdmissionFlagConflict {
  readonly flag: ComponentFlag;
  readonly message: string;
}

/** The admission chain one kube-apiserver configuration asks for. */
export interface AdmissionPlugins {
  /** The release the defaults were taken from; undefined when the configuration names none (newest). */
  readonly version: MinorVersion | undefined;
  decide(plugin: string): AdmissionDecision;
  readonly conflicts: readonly AdmissionFlagConflict[];
}

/**
 * The admission plugins of a kube-apiserver as upstream computes them (k8s.io/apiserver
 * pkg/server/options/admission.go enabledPluginNames; pkg/kubeapiserver/options/admission.go):
 * without `--admission-control`, the release's default-on set minus `--disable-admission-plugins`
 * plus `--enable-admission-plugins`; a plugin in both lists is a start-up error. The deprecated
 * `--admission-control` (still accepted, hidden=false, through 1.36) is the exact list to run, and
 * may not be combined with the other two.
 */
export function admissionPlugins(view: ComponentView): AdmissionPlugins {
  const version = componentVersion(view);
  const defaults = defaultOnAdmissionPlugins(version);
  const enable = elements(flagsNamed(view, 'enable-admission-plugins'));
  const disable = elements(flagsNamed(view, 'disable-admission-plugins'));
  const legacy = flagOf(view, 'admission-control');
  const legacyList = new Set(elements(flagsNamed(view, 'admission-control')).map(([name]) => name));
  const conflicts: AdmissionFlagConflict[] = [];
  if (legacy) {
    const other = flagOf(view, 'enable-admission-plugins') ?? flagOf(view, 'disable-admission-plugins');
    if (other)
      conflicts.push({
        flag: other,
        message: `kube-apiserver sets --${other.name} beside the deprecated --admission-control; the two are mutually exclusive and the API server refuses to start`,
      });
  }
  const disabledNames = new Map(disable);
  for (const [name, flag] of enable)
    if (disabledNames.has(name))
      conflicts.push({
        flag,
        message: `kube-apiserver names ${name} in both --enable-admission-plugins and --disable-admission-plugins; the API server refuses to start`,
      });
  const enabledNames = new Map(enable);
  const decide = (plugin: string): AdmissionDecision => {
    if (legacy) return { enabled: legacyList.has(plugin), flag: legacy, by: 'admission-control' };
    const enabledBy = enabledNames.get(plugin);
    if (enabledBy) return { enabled: true, flag: enabledBy, by: 'enable-admission-plugins' };
    const disabledBy = disabledNames.get(plugin);
    if (disabledBy) return { enabled: false, flag: disabledBy, by: 'disable-admission-plugins' };
    return { enabled: defaults.has(plugin), flag: undefined, by: 'default' };
  };
  return { version, decide, conflicts };
}

/** Why a required plugin does not run, in one sentence about the flags, or undefined when it runs. */
function missingPluginReason(plugins: AdmissionPlugins, plugin: string): string | undefined {
  const decision = plugins.decide(plugin);
  if (decision.enabled) return undefined;
  switch (decision.by) {
    case 'disable-admission-plugins':
      return `kube-apiserver --disable-admission-plugins turns off ${plugin}`;
    case 'admission-control':
      return `kube-apiserver --admission-control lists every plugin to run and leaves out ${plugin}`;
    default: {
      const release = plugins.version === undefined ? '' : ` in Kubernetes ${versionText(plugins.version)}`;
      return `kube-apiserver does not enable ${plugin}: it is off by default${release} and --enable-admission-plugins does not name it`;
    }
  }
}

/** Each element of a slice flag with the occurrence that holds it; a later repeat keeps the first. */
function elements(flags: readonly ComponentFlag[]): (readonly [string, ComponentFlag])[] {
  const seen = new Map<string, ComponentFlag>();
  for (const flag of flags)
    for (const element of flag.value.split(',')) {
      const name = element.trim();
      if (name !== '' && !seen.has(name)) seen.set(name, flag);
    }
  return [...seen];
}

/**
 * One violation per kube-apiserver that does not run `plugin`: at the flag that turned it off or
 * left it out, else at the command (or kubeadm extraArgs) where `--enable-admission-plugins` belongs.
 */
export function* missingAdmissionPlugin(
  inventory: Inventory,
  plugin: string,
  consequence: string,
): Generator<InventoryViolation> {
  for (const view of viewsOf(inventory, 'kube-apiserver')) {
    const plugins = admissionPlugins(view);
    const reason = missingPluginReason(plugins, plugin);
    if (reason !== undefined)
      yield flagViolation(view, plugins.decide(plugin).flag, `${reason}, so ${consequence}`);
  }
}
