import { locate } from '../load/locate.ts';
import { parseSource } from '../load/parse.ts';
import type { ParsedDocument } from '../load/parse.ts';
import type { Collector, ExceptionInfo, RuleUpdate } from './collector.ts';
import type { RulesLocation } from './errors.ts';
import { RulesError } from './errors.ts';
import { parsePriority } from './priority.ts';
import type { Priority } from './priority.ts';

/** The Falco engine version whose rules language this engine reads (falco_engine_version.h). */
export const ENGINE_VERSION = '0.63.0';

/** What reading the files leaves besides the collected items. */
export interface ReadState {
  readonly notes: string[];
  readonly requiredPluginVersions: { name: string; version: string }[];
}

type Item = Readonly<Record<string, unknown>>;

/** Reads one rules file into the collector, item by item, as Falco's rule_loader::reader does. */
export function readRulesFile(
  file: { path: string; text: string },
  collector: Collector,
  state: ReadState,
): void {
  const parsed = parseSource({ file: file.path, text: file.text, format: 'yaml' });
  const problem = parsed.diagnostics.find((d) => d.level === 'error');
  if (problem)
    throw new RulesError(problem.message, {
      file: file.path,
      line: problem.line,
      column: problem.column,
      item: '',
    });
  for (const document of parsed.documents) {
    const value = document.value;
    if (value === null || value === undefined) continue;
    const reader = new ItemReader(file.path, document, collector, state);
    if (!Array.isArray(value))
      throw new RulesError('Rules content is not yaml array of objects', reader.where([], ''));
    value.forEach((item: unknown, index) => {
      reader.read(item, index);
    });
  }
}

class ItemReader {
  private readonly file: string;
  private readonly document: ParsedDocument;
  private readonly collector: Collector;
  private readonly state: ReadState;

  constructor(file: string, document: ParsedDocument, collector: Collector, state: ReadState) {
    this.file = file;
    this.document = document;
    this.collector = collector;
    this.state = state;
  }

  where(path: readonly (string | number)[], item: string): RulesLocation {
    const { line, column } = locate(this.document.events, path);
    return { file: this.file, line, column, item };
  }

  read(value: unknown, index: number): void {
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      throw new RulesError(
        'Unexpected element type. Each element should be a yaml associative array.',
        this.where([index], ''),
      );
    const item = value as Item;
    if (has(item, 'required_engine_version')) this.engineVersion(item, index);
    else if (has(item, 'required_plugin_versions')) this.pluginVersions(item, index);
    else if (has(item, 'list')) this.list(item, index);
    else if (has(item, 'macro')) this.macro(item, index);
    else if (has(item, 'rule')) this.rule(item, index);
    else this.note(this.where([index], ''), 'Unknown top level item, skipped');
  }

  private note(at: RulesLocation, message: string): void {
    this.state.notes.push(
      `${at.file}:${at.line}:${at.column}:${at.item === '' ? '' : ` ${at.item}:`} ${message}`,
    );
  }

  private engineVersion(item: Item, index: number): void {
    const at = this.where([index, 'required_engine_version'], '');
    const raw = scalar(item, 'required_engine_version', at);
    const required = /^[0-9]+$/.test(raw) ? `0.${raw}.0` : raw;
    const parts = /^([0-9]+)\.([0-9]+)\.([0-9]+)$/.exec(required);
    if (!parts) throw new RulesError(`Unable to parse engine version '${raw}' as a semver string`, at);
    if (compareVersions(required, ENGINE_VERSION) > 0)
      throw new RulesError(
        `Rules require engine version ${required}, but engine version is ${ENGINE_VERSION}`,
        at,
      );
  }

  private pluginVersions(item: Item, index: number): void {
    const at = this.where([index, 'required_plugin_versions'], '');
    const list = item.required_plugin_versions;
    if (!Array.isArray(list))
      throw new RulesError('Value of required_plugin_versions must be a sequence', at);
    list.forEach((plugin: unknown, i) => {
      const pluginAt = this.where([index, 'required_plugin_versions', i], '');
      if (plugin === null || typeof plugin !== 'object' || Array.isArray(plugin))
        throw new RulesError('Plugin version must be a mapping', pluginAt);
      const entry = plugin as Item;
      this.state.requiredPluginVersions.push({
        name: scalar(entry, 'name', pluginAt),
        version: scalar(entry, 'version', pluginAt),
      });
    });
  }

  private overrides(
    item: Item,
    index: number,
    at: RulesLocation,
    append: readonly string[],
    replace: readonly string[],
  ) {
    const result = { append: new Set<string>(), replace: new Set<string>() };
    if (!has(item, 'override')) return result;
    const override = item.override;
    const overrideAt = this.where([index, 'override'], at.item);
    if (override === null || typeof override !== 'object' || Array.isArray(override))
      throw new RulesError('The override property must be a map', overrideAt);
    for (const [key, operation] of Object.entries(override as Item)) {
      const keyAt = this.where([index, 'override', key], at.item);
      if (operation === 'append' && append.includes(key)) result.append.add(key);
      else if (operation === 'replace' && replace.includes(key)) result.replace.add(key);
      else if (operation === 'append' || operation === 'replace')
        throw new RulesError(`Key '${key}' cannot be overridden with '${operation}'`, keyAt);
      else
        throw new RulesError(
          `Invalid override operation for key '${key}': '${String(operation)}'. Allowed values are: append, replace`,
          keyAt,
        );
      if (!has(item, key))
        throw new RulesError(
          `An ${operation} override for '${key}' was specified but '${key}' is not defined`,
          keyAt,
        );
    }
    return result;
  }

  private appendFlag(item: Item, at: RulesLocation, hasOverrides: boolean): boolean {
    const append = optionalBool(item, 'append', at) ?? false;
    if (append && hasOverrides)
      throw new RulesError(
        "Keys 'override' and 'append: true' cannot be used together. Add an 'append' entry (e.g. 'condition: append') under 'override' instead.",
        at,
      );
    return append;
  }

  private unknownKeys(item: Item, expected: readonly string[], at: RulesLocation): void {
    for (const key of Object.keys(item))
      if (!expected.includes(key)) this.note(at, `Unexpected key '${key}', ignored`);
  }

  private list(item: Item, index: number): void {
    const name = scalar(item, 'list', this.where([index], ''));
    const at = this.where([index], `list '${name}'`);
    const items = sequence(item, 'items', this.where([index, 'items'], at.item));
    const overrides = this.overrides(item, index, at, ['items'], ['items']);
    const append = this.appendFlag(item, at, overrides.append.size + overrides.replace.size > 0);
    if (append || overrides.append.has('items')) this.collector.appendList(name, items, at);
    else this.collector.defineList(name, items, at);
    this.unknownKeys(item, ['list', 'items', 'append', 'override'], at);
  }

  private macro(item: Item, index: number): void {
    const name = scalar(item, 'macro', this.where([index], ''));
    const at = this.where([index], `macro '${name}'`);
    const conditionAt = this.where([index, 'condition'], at.item);
    const condition = scalar(item, 'condition', conditionAt);
    const overrides = this.overrides(item, index, at, ['condition'], ['condition']);
    const append = this.appendFlag(item, at, overrides.append.size + overrides.replace.size > 0);
    if (append || overrides.append.has('condition')) this.collector.appendMacro(name, condition, at);
    else this.collector.defineMacro(name, condition, at, conditionAt);
    this.unknownKeys(item, ['macro', 'condition', 'append', 'override'], at);
  }

  private rule(item: Item, index: number): void {
    const name = scalar(item, 'rule', this.where([index], ''));
    const at = this.where([index], `rule '${name}'`);
    const key = (k: string): RulesLocation => this.where([index, k], at.item);
    const source = has(item, 'source') ? optionalScalar(item, 'source', key('source')) : undefined;
    const overrides = this.overrides(
      item,
      index,
      at,
      ['condition', 'output', 'desc', 'tags', 'exceptions'],
      OVERRIDABLE,
    );
    const append = this.appendFlag(item, at, overrides.append.size + overrides.replace.size > 0);
    this.unknownKeys(item, RULE_KEYS, at);
    if (overrides.append.size > 0 || overrides.replace.size > 0) {
      for (const k of Object.keys(item))
        if (OVERRIDABLE.includes(k) && !overrides.append.has(k) && !overrides.replace.has(k))
          throw new RulesError(
            `Unexpected key '${k}': no corresponding entry under 'override' is defined.`,
            key(k),
          );
      if (overrides.append.size > 0)
        this.collector.appendRule(this.update(item, index, name, source, at, overrides.append, true));
      if (overrides.replace.size > 0)
        this.collector.replaceRule(this.update(item, index, name, source, at, overrides.replace, false));
      return;
    }
    if (append) {
      const keys = new Set(['condition', 'exceptions'].filter((k) => has(item, k)));
      this.collector.appendRule(this.update(item, index, name, source, at, keys, true));
      return;
    }
    if (!['condition', 'output', 'desc', 'priority'].some((k) => has(item, k))) {
      const enabled = optionalBool(item, 'enabled', key('enabled'));
      if (enabled === undefined) throw new RulesError("Item has no mapping for key 'enabled'", at);
      this.note(at, "The standalone 'enabled' key usage is deprecated; use 'override: {enabled: replace}'");
      this.collector.enableRule(name, enabled, at);
      return;
    }
    const missing = ['condition', 'output', 'desc', 'priority'].find((k) => !has(item, k));
    if (missing) throw new RulesError(`Item has no mapping for key '${missing}'`, at);
    this.collector.defineRule({
      name,
      condition: scalar(item, 'condition', key('condition')),
      output: scalar(item, 'output', key('output')).trim(),
      desc: scalar(item, 'desc', key('desc')),
      priority: priority(item, key('priority')),
      source: source ?? 'syscall',
      enabled: optionalBool(item, 'enabled', key('enabled')) ?? true,
      tags: has(item, 'tags') ? sequence(item, 'tags', key('tags')) : [],
      exceptions: has(item, 'exceptions') ? this.exceptions(item, index, at.item, false) : [],
      skipIfUnknownFilter:
        optionalBool(item, 'skip-if-unknown-filter', key('skip-if-unknown-filter')) ?? false,
      at,
      conditionAt: key('condition'),
      outputAt: key('output'),
    });
  }

  private update(
    item: Item,
    index: number,
    name: string,
    source: string | undefined,
    at: RulesLocation,
    keys: ReadonlySet<string>,
    append: boolean,
  ): RuleUpdate {
    const key = (k: string): RulesLocation => this.where([index, k], at.item);
    const enabled = keys.has('enabled') ? optionalBool(item, 'enabled', key('enabled')) : undefined;
    const skip = keys.has('skip-if-unknown-filter')
      ? optionalBool(item, 'skip-if-unknown-filter', key('skip-if-unknown-filter'))
      : undefined;
    return {
      name,
      source,
      at,
      ...(keys.has('condition') && { condition: scalar(item, 'condition', key('condition')) }),
      ...(keys.has('output') && { output: scalar(item, 'output', key('output')) }),
      ...(keys.has('desc') && { desc: scalar(item, 'desc', key('desc')) }),
      ...(keys.has('tags') && { tags: sequence(item, 'tags', key('tags')) }),
      ...(keys.has('exceptions') && { exceptions: this.exceptions(item, index, at.item, append) }),
      ...(keys.has('priority') && { priority: priority(item, key('priority')) }),
      ...(enabled !== undefined && { enabled }),
      ...(skip !== undefined && { skipIfUnknownFilter: skip }),
    };
  }

  private exceptions(item: Item, index: number, owner: string, append: boolean): ExceptionInfo[] {
    const list = item.exceptions;
    const listAt = this.where([index, 'exceptions'], owner);
    if (!Array.isArray(list)) throw new RulesError('Rule exceptions must be a sequence', listAt);
    return list.map((entry: unknown, i): ExceptionInfo => {
      const at = this.where([index, 'exceptions', i], owner);
      if (entry === null || typeof entry !== 'object' || Array.isArray(entry))
        throw new RulesError('Rule exception must be a mapping', at);
      const exception = entry as Item;
      const name = scalar(exception, 'name', at);
      const fields = has(exception, 'fields') ? scalarOrSequence(exception, 'fields', at) : undefined;
      const comps = has(exception, 'comps') ? scalarOrSequence(exception, 'comps', at) : undefined;
      if (!append && fields === undefined)
        throw new RulesError('Rule exception item must have fields property with a list of fields', at);
      const rawValues = exception.values;
      if (rawValues !== undefined && rawValues !== null && !Array.isArray(rawValues))
        throw new RulesError('Rule exception values must be a sequence', at);
      const values = (rawValues ?? []).map((row: unknown) =>
        Array.isArray(row) ? row.map((v: unknown) => (Array.isArray(v) ? v.map(text) : text(v))) : text(row),
      ) as (string | string[])[];
      return { name, fields, comps, values: values, at: { ...at, item: `${owner} exception '${name}'` } };
    });
  }
}

const OVERRIDABLE = [
  'condition',
  'output',
  'desc',
  'priority',
  'capture',
  'capture_duration',
  'tags',
  'exceptions',
  'enabled',
  'warn_evttypes',
  'skip-if-unknown-filter',
];

const RULE_KEYS = ['rule', 'source', 'override', 'append', ...OVERRIDABLE];

function has(item: Item, key: string): boolean {
  return Object.hasOwn(item, key);
}

/** A YAML scalar as the text Falco decodes it to. */
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return JSON.stringify(value);
}

function scalar(item: Item, key: string, at: RulesLocation): string {
  if (!has(item, key)) throw new RulesError(`Item has no mapping for key '${key}'`, at);
  const value = item[key];
  if (value === null || value === undefined) throw new RulesError(`Mapping for key '${key}' is empty`, at);
  if (typeof value === 'object') throw new RulesError(`Value of '${key}' is not a scalar value`, at);
  const result = text(value);
  if (result === '') throw new RulesError(`Value of '${key}' must be non-empty`, at);
  return result;
}

function optionalScalar(item: Item, key: string, at: RulesLocation): string {
  const value = item[key];
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') throw new RulesError(`Value of '${key}' is not a scalar value`, at);
  return text(value);
}

function optionalBool(item: Item, key: string, at: RulesLocation): boolean | undefined {
  if (!has(item, key)) return undefined;
  const value = item[key];
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new RulesError(`Can't decode YAML scalar value of '${key}' as a boolean`, at);
}

function sequence(item: Item, key: string, at: RulesLocation): string[] {
  if (!has(item, key)) throw new RulesError(`Item has no mapping for key '${key}'`, at);
  const value = item[key];
  if (!Array.isArray(value)) throw new RulesError(`Value of '${key}' is not a sequence`, at);
  return value.map((v: unknown) => {
    if (v !== null && typeof v === 'object') throw new RulesError(`A value of '${key}' is not a scalar`, at);
    return text(v);
  });
}

function scalarOrSequence(item: Item, key: string, at: RulesLocation): string | string[] {
  return Array.isArray(item[key]) ? sequence(item, key, at) : scalar(item, key, at);
}

function priority(item: Item, at: RulesLocation): Priority {
  const raw = scalar(item, 'priority', at);
  const parsed = parsePriority(raw);
  if (!parsed) throw new RulesError(`Invalid priority '${raw}'`, at);
  return parsed;
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
