import type { Labels } from '../model/label-selector.ts';
import type { LevelVersion } from './evaluate.ts';
import type { PssLevel } from './level.ts';
import { isPssLevel } from './level.ts';
import type { PolicyVersion } from './version.ts';
import { parsePolicyVersion } from './version.ts';

/** The three PSA modes a namespace can label. */
export const PSA_MODES = ['enforce', 'audit', 'warn'] as const;

/** One of {@link PSA_MODES}. */
export type PsaMode = (typeof PSA_MODES)[number];

/** `pod-security.kubernetes.io/<mode>`. */
export function levelLabel(mode: PsaMode): string {
  return `pod-security.kubernetes.io/${mode}`;
}

/** `pod-security.kubernetes.io/<mode>-version`. */
export function versionLabel(mode: PsaMode): string {
  return `pod-security.kubernetes.io/${mode}-version`;
}

/** What a namespace's labels resolve to, per mode. */
export type NamespacePolicy = Readonly<Record<PsaMode, LevelVersion>>;

/** PSA's built-in defaults (no AdmissionConfiguration): privileged:latest in every mode. */
export const DEFAULT_NAMESPACE_POLICY: NamespacePolicy = {
  enforce: { level: 'privileged', version: 'latest' },
  audit: { level: 'privileged', version: 'latest' },
  warn: { level: 'privileged', version: 'latest' },
};

/** A label value PSA refuses, worded as the API server's field error. */
export interface LabelError {
  readonly label: string;
  readonly value: string;
  /** `metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: "strict": must be one of …`. */
  readonly message: string;
}

const LEVEL_ERROR = 'must be one of privileged, baseline, restricted';
const VERSION_ERROR = 'must be "latest" or "v1.x"';

function invalid(label: string, value: string, detail: string): LabelError {
  return {
    label,
    value,
    message: `metadata.labels[${label}]: Invalid value: ${JSON.stringify(value)}: ${detail}`,
  };
}

/**
 * Resolves namespace labels as PSA's `PolicyToEvaluate`: an unlabelled mode keeps the default; a level
 * label without a version label uses the default version (`latest`). Invalid values are reported and
 * replaced: an enforce level by `restricted` (fail closed), an audit or warn level by `privileged`
 * (fail open), a version by `latest`.
 */
export function policyToEvaluate(
  labels: Labels,
  defaults: NamespacePolicy = DEFAULT_NAMESPACE_POLICY,
): { readonly policy: NamespacePolicy; readonly errors: readonly LabelError[] } {
  const errors: LabelError[] = [];
  const resolve = (mode: PsaMode): LevelVersion => {
    let level: PssLevel = defaults[mode].level;
    let version: PolicyVersion = defaults[mode].version;
    const levelText = labels[levelLabel(mode)];
    if (levelText !== undefined) {
      if (isPssLevel(levelText)) level = levelText;
      else {
        level = mode === 'enforce' ? 'restricted' : 'privileged';
        errors.push(invalid(levelLabel(mode), levelText, LEVEL_ERROR));
      }
    }
    const versionText = labels[versionLabel(mode)];
    if (versionText !== undefined) {
      const parsed = parsePolicyVersion(versionText);
      if (parsed === undefined) errors.push(invalid(versionLabel(mode), versionText, VERSION_ERROR));
      version = parsed ?? 'latest';
    }
    return { level, version };
  };
  const enforce = resolve('enforce');
  const audit = resolve('audit');
  const warn = resolve('warn');
  return { policy: { enforce, audit, warn }, errors };
}
