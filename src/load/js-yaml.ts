import { createRequire } from 'node:module';
import type * as JsYaml from 'js-yaml';

/**
 * js-yaml, loaded from its CommonJS build. The package's ES module build parses three to four times
 * slower on Node 20 (`npm run bench -- yaml-builds` measures both; the state object of its
 * `parseEvents` is built with object spread), and both builds share one type declaration file, so
 * every value kubeward uses from js-yaml comes from here: one build per process, one
 * `YAMLException` class.
 */
const jsYaml = createRequire(import.meta.url)('js-yaml') as typeof JsYaml;

export const {
  constructFromEvents,
  dump,
  EVENT_ID,
  getScalarValue,
  load,
  loadAll,
  NOT_RESOLVED,
  parseEvents,
  SCALAR_STYLE,
  Schema,
  YAML11_SCHEMA,
  YAMLException,
} = jsYaml;

/** js-yaml's `Schema` class. */
export type Schema = JsYaml.Schema;

/** js-yaml's error for a document it cannot parse or construct, with its position. */
export type YAMLException = JsYaml.YAMLException;
