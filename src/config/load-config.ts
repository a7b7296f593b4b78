import type { RunOptions } from '../checks/run.ts';
import type { Check } from '../model/check.ts';
import { readConfigFile } from '../load/config-file.ts';
import { locate } from '../load/locate.ts';
import { parseSource } from '../load/parse.ts';
import { ConfigError } from '../model/errors.ts';
import type { ObjectRef } from '../model/finding.ts';
import type { FieldPath } from '../model/path.ts';
import { formatPath } from '../model/path.ts';
import type { Resource } from '../model/resource.ts';
import type { Severity } from '../model/severity.ts';
import { globToRegExp } from './glob.ts';
import { configSchema } from './schema.ts';
import { resolveSettings } from './settings.ts';

/** The config file read when `--config` is not given, if it exists in the working directory. */
const DEFAULT_CONFIG_FILE = '.kubeward.yaml';

/** What a config file decides: how checks run and when the run fails. */
export interface Config {
  readonly run: RunOptions;
  readonly failOn: Severity | 'none' | undefined;
  /** The file read, if any. */
  readonly file: string | undefined;
}

/**
 * Reads and validates a config file. `path` undefined means: `.kubeward.yaml` if present, else defaults.
 * Every problem is a ConfigError carrying `file:line:col`. Check ids must exist in `checks`.
 */
export function loadConfig(path: string | undefined, checks: readonly Check[]): Config {
  const found = readConfigFile(path, DEFAULT_CONFIG_FILE);
  if (found === undefined) return fromConfigFile({}, undefined, () => '', checks);
  return parseConfig(found.file, found.text, checks);
}

/** Validates config text (exposed for the webhook and tests). */
export function parseConfig(file: string, text: string, checks: readonly Check[]): Config {
  const parsed = parseSource({ file, text, format: 'yaml' });
  const first = parsed.diagnostics[0];
  if (first) throw new ConfigError(`${file}:${first.line}:${first.column}: ${first.message}`);
  const document = parsed.documents[0];
  const where = (path: FieldPath): string => {
    if (!document) return file;
    const position = locate(document.events, path);
    return `${file}:${position.line}:${position.column}`;
  };
  const result = configSchema.safeParse(document?.value ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = (issue?.path ?? []).filter((segment) => typeof segment !== 'symbol');
    throw new ConfigError(`${where(path)}: ${formatPath(path) || 'config'}: ${issue?.message ?? 'invalid'}`);
  }
  return fromConfigFile(result.data, file, where, checks);
}

function fromConfigFile(
  config: import('./schema.ts').ConfigFile,
  file: string | undefined,
  where: (path: FieldPath) => string,
  checks: readonly Check[],
): Config {
  const known = new Set(checks.map((check) => check.id));
  const requireKnown = (id: string, path: FieldPath): void => {
    if (!known.has(id))
      throw new ConfigError(`${where(path)}: unknown check "${id}" (see kubeward checks list)`);
  };
  (config.checks?.disable ?? []).forEach((id, i) => {
    requireKnown(id, ['checks', 'disable', i]);
  });
  for (const id of Object.keys(config.checks?.severity ?? {})) requireKnown(id, ['checks', 'severity', id]);

  const namespaces = new Set(config.exclude?.namespaces ?? []);
  const paths = (config.exclude?.paths ?? []).map((glob) => ({ glob, pattern: globToRegExp(glob) }));
  const excluded = (object: ObjectRef, resource: Resource | undefined): string | undefined => {
    if (object.namespace !== '' && namespaces.has(object.namespace))
      return `namespace ${object.namespace} excluded by config`;
    const source = resource?.origin.file;
    const match = source === undefined ? undefined : paths.find(({ pattern }) => pattern.test(source));
    return match ? `path matches ${match.glob} excluded by config` : undefined;
  };
  return {
    file,
    failOn: config.failOn,
    run: {
      settings: resolveSettings(config.settings, (key) => where(['settings', key])),
      disabled: new Set(config.checks?.disable ?? []),
      severities: new Map(Object.entries(config.checks?.severity ?? {})),
      excluded,
      honourAnnotations: true,
    },
  };
}
