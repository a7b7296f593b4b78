import type { Settings } from '../model/settings.ts';
import type { LevelVersion } from './evaluate.ts';
import { isPssLevel } from './level.ts';
import { parsePolicyVersion } from './version.ts';

/**
 * The level and version the `pss-*` checks hold workloads to, from `pssLevel` and `pssVersion`.
 * Invalid values fall back as PSA does for a bad enforce label (`restricted`, `latest`); callers that
 * can report errors validate first with {@link targetPolicyErrors}.
 */
export function targetPolicy(settings: Pick<Settings, 'pssLevel' | 'pssVersion'>): LevelVersion {
  return {
    level: isPssLevel(settings.pssLevel) ? settings.pssLevel : 'restricted',
    version: parsePolicyVersion(settings.pssVersion) ?? 'latest',
  };
}

/** Problems with `pssLevel` / `pssVersion`, one sentence each (for a ConfigError or UsageError). */
export function targetPolicyErrors(settings: Pick<Settings, 'pssLevel' | 'pssVersion'>): string[] {
  const errors: string[] = [];
  if (!isPssLevel(settings.pssLevel) || settings.pssLevel === 'privileged') {
    errors.push(`PSS level ${JSON.stringify(settings.pssLevel)} must be baseline or restricted`);
  }
  if (parsePolicyVersion(settings.pssVersion) === undefined) {
    errors.push(
      `PSS version ${JSON.stringify(settings.pssVersion)} must be "latest" or "v1.N" (v1.0 to v1.37)`,
    );
  }
  return errors;
}

/** True when the namespace is one of `pssSystemNamespaces` (left alone, as PSA exemptions are). */
export function isExemptNamespace(
  settings: Pick<Settings, 'pssSystemNamespaces'>,
  namespace: string,
): boolean {
  return settings.pssSystemNamespaces.includes(namespace);
}
