import type { Check } from '../model/check.ts';
import { locate } from '../load/locate.ts';
import { parseSource } from '../load/parse.ts';
import { ConfigError } from '../model/errors.ts';
import type { FieldPath } from '../model/path.ts';
import { formatPath } from '../model/path.ts';
import type { Position } from '../model/position.ts';
import { configOf } from './config.ts';
import type { Config } from './config.ts';
import { pathExclusions } from './exclude-paths.ts';
import { configSchema } from './schema.ts';

/**
 * Validates config text against the schema (zod) and compiles it (`exclude.paths` through RE2):
 * every problem is a ConfigError carrying `file:line:col`; check ids must exist in `checks`. Used by
 * `loadConfig` for a file it found, by the webhook and by tests.
 */
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
  const config = result.data;
  const paths = pathExclusions(config.exclude?.paths ?? [], file, (i) => place(['exclude', 'paths', i]));
  return configOf(config, file, place, checks, paths);
}
