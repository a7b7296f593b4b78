import { ConfigError } from '../model/errors.ts';
import type { Settings } from '../model/settings.ts';
import { parseControllerSpec } from '../netpol/ingress/controller.ts';
import { targetPolicyErrors } from '../pss/target.ts';
import { bootstrapPolicyFor, unknownKubernetesVersion } from '../rbac/bootstrap/index.ts';
import { DEFAULT_SETTINGS } from './defaults.ts';
import type { SettingsFile } from './schema.ts';

/**
 * Merges `settings:` from the config file (already checked against `settingsSchema`) over the
 * defaults. A PSS level or version PSA would not accept is a ConfigError at `where('pssLevel')`.
 */
export function resolveSettings(
  given: SettingsFile | undefined,
  where: (key: keyof Settings) => string,
): Settings {
  const set = given ?? {};
  const settings: Settings = {
    allowedRegistries: set.allowedRegistries ?? DEFAULT_SETTINGS.allowedRegistries,
    pssLevel: set.pssLevel ?? DEFAULT_SETTINGS.pssLevel,
    pssVersion: set.pssVersion ?? DEFAULT_SETTINGS.pssVersion,
    pssSystemNamespaces: set.pssSystemNamespaces ?? DEFAULT_SETTINGS.pssSystemNamespaces,
    certificateExpiryDays: set.certificateExpiryDays ?? DEFAULT_SETTINGS.certificateExpiryDays,
    kubesecMinScore: set.kubesecMinScore ?? DEFAULT_SETTINGS.kubesecMinScore,
    netpolIpBlockMatchesPods: set.netpolIpBlockMatchesPods ?? DEFAULT_SETTINGS.netpolIpBlockMatchesPods,
    netpolIngressController: set.netpolIngressController ?? DEFAULT_SETTINGS.netpolIngressController,
    netpolGatewayController: set.netpolGatewayController ?? DEFAULT_SETTINGS.netpolGatewayController,
    kubernetesVersion: set.kubernetesVersion ?? DEFAULT_SETTINGS.kubernetesVersion,
  };
  for (const key of ['netpolIngressController', 'netpolGatewayController'] as const) {
    const error =
      settings[key] === '' && key === 'netpolGatewayController'
        ? undefined
        : parseControllerSpec(settings[key]);
    if (typeof error === 'string') throw new ConfigError(`${where(key)}: ${error}`);
  }
  const errors = targetPolicyErrors(settings);
  if (errors.length > 0) throw new ConfigError(`${where('pssLevel')}: ${errors.join('; ')}`);
  if (bootstrapPolicyFor(settings.kubernetesVersion) === undefined)
    throw new ConfigError(
      `${where('kubernetesVersion')}: ${unknownKubernetesVersion(settings.kubernetesVersion)}`,
    );
  return settings;
}
