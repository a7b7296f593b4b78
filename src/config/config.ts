import { basename } from 'node:path';
import type { RunOptions } from '../checks/run.ts';
import type { Check } from '../model/check.ts';
import { ConfigError } from '../model/errors.ts';
import type { ObjectRef } from '../model/finding.ts';
import type { Diagnostic } from '../model/diagnostic.ts';
import type { FieldPath } from '../model/path.ts';
import type { Position } from '../model/position.ts';
import type { Resource } from '../model/resource.ts';
import type { Severity } from '../model/severity.ts';
import { compileExceptions } from './exceptions.ts';
import { resolveImages } from './images.ts';
import type { ImagesConfig } from './images.ts';
import type { PathExclusions } from './exclude-paths.ts';
import type { ConfigFile } from './schema.ts';
import { resolveSettings } from './settings.ts';

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

/** No `exclude.paths`: no file excluded, no pattern unmatched. */
const NO_PATH_EXCLUSIONS: PathExclusions = { excluding: () => undefined, unmatched: () => [] };

/** The config of a run without a config file: every default. */
export function defaultConfig(checks: readonly Check[]): Config {
  const nowhere = (): Position => ({ line: 0, column: 0, endLine: 0, endColumn: 0 });
  return configOf({}, undefined, nowhere, checks, NO_PATH_EXCLUSIONS);
}

/**
 * The config a validated config file decides, its `exclude.paths` already compiled into `paths`.
 * Check ids must exist in `checks`; a problem is a ConfigError at `place(path)` in `file`.
 */
export function configOf(
  config: ConfigFile,
  file: string | undefined,
  place: (path: FieldPath) => Position,
  checks: readonly Check[],
  paths: PathExclusions,
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
