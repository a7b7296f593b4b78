import type { Check } from '../model/check.ts';
import { readConfigFile } from '../load/config-file.ts';
import { defaultConfig } from './config.ts';
import type { Config } from './config.ts';

export type { Config } from './config.ts';

/** The config file read when `--config` is not given, if it exists in the working directory. */
const DEFAULT_CONFIG_FILE = '.kubeward.yaml';

/**
 * Reads and validates a config file. `path` undefined means: `.kubeward.yaml` if present, else defaults.
 * Every problem is a ConfigError carrying `file:line:col`. Check ids must exist in `checks`. The file
 * must be a regular file of at most `maxFileSize` bytes (default: the loader's cap). The validation
 * (zod) and the `exclude.paths` compiler (RE2) are loaded only when there is a file.
 */
export async function loadConfig(
  path: string | undefined,
  checks: readonly Check[],
  maxFileSize?: number,
): Promise<Config> {
  const found = readConfigFile(path, DEFAULT_CONFIG_FILE, maxFileSize);
  if (found === undefined) return defaultConfig(checks);
  const { parseConfig } = await import('./parse-config.ts');
  return parseConfig(found.file, found.text, checks);
}
