import { ConfigError } from '../model/errors.ts';
import type { Settings } from '../model/settings.ts';
import { targetPolicyErrors } from '../pss/target.ts';
import { DEFAULT_SETTINGS } from './defaults.ts';

/**
 * Merges `settings:` from the config file over the defaults. Each given value must have the type of
 * its default (a list of strings for a list of strings, ...); unknown names are errors.
 */
export function resolveSettings(
  given: Readonly<Record<string, unknown>> | undefined,
  where: (key: string) => string,
): Settings {
  const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const [key, value] of Object.entries(given ?? {})) {
    if (!Object.prototype.hasOwnProperty.call(DEFAULT_SETTINGS, key)) {
      throw new ConfigError(
        `${where(key)}: unknown setting "${key}" (known: ${Object.keys(DEFAULT_SETTINGS).join(', ')})`,
      );
    }
    const fallback = (DEFAULT_SETTINGS as unknown as Record<string, unknown>)[key];
    if (!sameType(fallback, value)) {
      throw new ConfigError(`${where(key)}: setting "${key}" must be ${describe(fallback)}`);
    }
    settings[key] = value;
  }
  const resolved = settings as unknown as Settings;
  const errors = targetPolicyErrors(resolved);
  if (errors.length > 0) throw new ConfigError(`${where('pssLevel')}: ${errors.join('; ')}`);
  return resolved;
}

function sameType(fallback: unknown, value: unknown): boolean {
  if (Array.isArray(fallback)) {
    const item: unknown = fallback[0];
    return (
      Array.isArray(value) &&
      (item === undefined
        ? value.every((v) => typeof v === 'string')
        : value.every((v) => typeof v === typeof item))
    );
  }
  return (
    typeof fallback === typeof value && (fallback === null) === (value === null) && !Array.isArray(value)
  );
}

function describe(fallback: unknown): string {
  if (Array.isArray(fallback)) return `a list of ${typeof (fallback[0] ?? '')}s`;
  return `a ${typeof fallback}`;
}
