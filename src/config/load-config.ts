import { basename } from 'node:path';
import type { RunOptions } from '../checks/run.ts';
import type { Check } from '../model/check.ts';
import { readConfigFile } from '../load/config-file.ts';
import { locate } from '../load/locate.ts';
import { parseSource } from '../load/parse.ts';
import { ConfigError } from '../model/errors.ts';
import type { ObjectRef } from '../model/finding.ts';
import type { Diagnostic } from '../model/diagnostic.ts';
import type { FieldPath } from '../model/path.ts';
import { formatPath } from '../model/path.ts';
import type { Resource } from '../model/resource.ts';
import type { Severity } from '../model/severity.ts';
import { pathExclusions } from './exclude-paths.ts';
import type { Position } from '../model/position.ts';
import { compileExceptions } from './exceptions.ts';
import { resolveImages } from './images.ts';
import type { ImagesConfig } from './images.ts';
import { configSchema } from './schema.ts';
import type { ConfigFile } from './schema.ts';
import { resolveSettings } from './settings.ts';

/** The config file read when `--config` is not given, if it exists in the working directory. */
const DEFAULT_CONFIG_FILE = '.kubeward.yaml';

/** What a config file decides: how checks run and when the run fails. */
export interface Config {
  readonly run: RunOptions;
  readonly failOn: Severity | 'none' | undefined;
  /** The file read, if any. */
  readonly file: string | undefined;
  /** Warnings for the `exclude.paths` patterns that match none of the files a scan read. */
  readonly unmatchedPaths: (files: readonly string[]) => readonly Diagnostic[];
  /** `images:`: the image policy and how images are read for it; undefined when the file has none. */
  readonly images: ImagesConfig | undefined;
}

/**
 * Reads and validates a config file. `path` undefined means: `.kubeward.yaml` if present, else defaults.
 * Every problem is a ConfigError carrying `file:line:col`. Check ids must exist in `checks`. The file
 * must be a regular file of at most `maxFileSize` bytes (default: the loader's cap).
 */
export function loadConfig(path: string | undefined, checks: readonly Check[], maxFileSize?: number): Config {
  const found = readConfigFile(path, DEFAULT_CONFIG_FILE, maxFileSize);
  if (found === undefined)
    return fromConfigFile({}, undefined, () => ({ line: 0, column: 0, endLine: 0, endColumn: 0 }), checks);
  return parseConfig(found.file, found.text, checks);
}

/** Validates config text (exposed for the webhook and tests). */
export function parseConfig(file: string, text: string, checks: readonly Check[]): Config {
  const parsed = parseSource({ file, text, format: 'yaml' });
  const first = parsed.diagnostics[0];
  if (first) throw new ConfigError(`${file}:${first.line}:${first.column}: ${first.message}`);
  const document = parsed.documents[0];
  const place = (path: FieldPath): Position =>
    document ? locate(document.events, path) : { line: 0, column: 0, endLine: 0, endColumn: 0 };
  const result = configSchema.safeParse(document?.value ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = (issue?.path ?? []).filter((segment) => typeof segment !== 'symbol');
    const at =
      issue?.code === 'unrecognized_keys' && issue.keys[0] !== undefined ? [...path, issue.keys[0]] : path;
    const { line, column } = place(at);
    throw new ConfigError(
      `${file}:${String(line)}:${String(column)}: ${formatPath(path) || 'config'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return fromConfigFile(result.data, file, place, checks);
}

function fromConfigFile(
  config: ConfigFile,
  file: string | undefined,
  place: (path: FieldPath) => Position,
  checks: readonly Check[],
): Config {
  const where = (path: FieldPath): string => {
    const { line, column } = place(path);
    return line > 0 ? `${file ?? ''}:${String(line)}:${String(column)}` : (file ?? '');
  };
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
  const paths = pathExclusions(config.exclude?.paths ?? [], file, (i) => place(['exclude', 'paths', i]));
  const excluded = (object: ObjectRef, resource: Resource | undefined): string | undefined => {
    if (object.namespace !== '' && namespaces.has(object.namespace))
      return `namespace ${object.namespace} excluded by config`;
    const glob = resource === undefined ? undefined : paths.excluding(resource.origin.file);
    return glob === undefined ? undefined : `path matches ${glob} excluded by config`;
  };
  const exceptions = compileExceptions(
    config.exceptions ?? [],
    checks.map((check) => check.id),
    file === undefined ? undefined : configResource(file, config, place),
  );
  return {
    file,
    failOn: config.failOn,
    unmatchedPaths: paths.unmatched,
    images: config.images === undefined ? undefined : resolveImages(config.images, file, where),
    run: {
      settings: resolveSettings(config.settings, (key) => where(['settings', key])),
      disabled: new Set(config.checks?.disable ?? []),
      severities: new Map(Object.entries(config.checks?.severity ?? {})),
      excluded,
      honourAnnotations: true,
      exempting: exceptions.exempting,
      configFindings: exceptions.expired,
    },
  };
}

/** The config file as the object findings about it (an expired exception) point into. */
function configResource(file: string, config: ConfigFile, place: (path: FieldPath) => Position): Resource {
  return {
    apiVersion: 'kubeward.io/v1alpha1',
    kind: 'Config',
    name: basename(file),
    namespace: undefined,
    role: 'config',
    object: config,
    origin: { file, document: 0, itemPath: [], locate: place },
  };
}
