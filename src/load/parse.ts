import { constructFromEvents, parseEvents, YAMLException } from './js-yaml.ts';
import type { Event } from 'js-yaml';
import type { Diagnostic } from '../model/diagnostic.ts';
import { withinExpansionLimit } from './expansion.ts';
import { LIMITS } from './limits.ts';
import { compactEvents, compactStream } from './compact-events.ts';
import { constructPlain } from './construct.ts';
import type { CompactEvents, CompactStream } from './compact-events.ts';
import { DuplicateKeyError, findDuplicateKey } from './duplicate-keys.ts';
import type { DuplicateKey } from './duplicate-keys.ts';
import { jsonMayRepeatKeys } from './json-key-count.ts';
import { firstTooDeep } from './json-depth.ts';
import { lineColumn } from './lines.ts';
import { indentQuotedContinuations } from './quoted-continuations.ts';
import type { DocumentEvents, Source } from './source.ts';
import { KUBERNETES_YAML_SCHEMA } from './yaml-schema.ts';

/** One document of a source: its value (as Kubernetes would decode it) and where its events are. */
export interface ParsedDocument {
  readonly value: unknown;
  readonly index: number;
  readonly events: DocumentEvents;
}

/** The documents of one source and the problems met reading it. */
export interface ParsedSource {
  readonly documents: readonly ParsedDocument[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Parses a YAML or JSON source into documents. A syntax error in one `---` document of a YAML stream
 * does not lose the others: the stream is split and each document parsed on its own.
 */
export function parseSource(source: Source): ParsedSource {
  if (source.format === 'json') return parseJson(source);
  try {
    return { documents: parseYamlChunk(source, source.text, 0, 0), diagnostics: [] };
  } catch (error) {
    if (!(error instanceof YAMLException || error instanceof DuplicateKeyError)) throw error;
    return (
      (error instanceof YAMLException && error.reason === 'deficient indentation'
        ? asKubectlReadsIt(source)
        : undefined) ?? parseYamlByDocument(source)
    );
  }
}

/**
 * The source with quoted scalars' shallow continuation lines indented (see indentQuotedContinuations),
 * when that makes it parse: kubectl accepts them. Each such line gets a warning; line numbers hold.
 */
function asKubectlReadsIt(source: Source): ParsedSource | undefined {
  const repaired = indentQuotedContinuations(source.text);
  if (repaired.lines.length === 0) return undefined;
  const text = repaired.text;
  const indented: Source = { ...source, text };
  const parsed = parseYamlByDocument(indented);
  if (parsed.diagnostics.some((diagnostic) => diagnostic.message.includes('deficient indentation')))
    return undefined;
  const warnings = repaired.lines.map(({ line }): Diagnostic => ({
    level: 'warning',
    file: source.file,
    line,
    column: 1,
    message:
      'this continuation line of a quoted string is indented no deeper than its key: the YAML spec refuses it, kubectl (go-yaml) reads it; indent it further',
  }));
  return { documents: parsed.documents, diagnostics: [...warnings, ...parsed.diagnostics] };
}

function parseYamlChunk(source: Source, text: string, offset: number, firstIndex: number): ParsedDocument[] {
  const events = parseEvents(text, { filename: source.file, maxDepth: LIMITS.maxDepth });
  const { values, stream } =
    constructPlain(events, text, KUBERNETES_YAML_SCHEMA) ?? constructFull(events, text);
  const { events: compact, documentStarts: starts, hasAliases } = stream;
  const getEvents = (): CompactEvents => compact;
  return values.map((value, i) => {
    if (hasAliases && !withinExpansionLimit(value, LIMITS.maxExpandedNodes)) {
      throw new YAMLException(
        `document expands to more than ${LIMITS.maxExpandedNodes} nodes through aliases`,
        undefined,
      );
    }
    return {
      value,
      index: firstIndex + i,
      events: { source, offset, text, events: getEvents, start: starts[i] ?? 0 },
    };
  });
}

/** The general constructor, after a search for repeated keys (which it would merge silently). */
function constructFull(events: Event[], text: string): { values: unknown[]; stream: CompactStream } {
  const duplicate = findDuplicateKey(events, text, KUBERNETES_YAML_SCHEMA);
  if (duplicate) throw new DuplicateKeyError(duplicate);
  return {
    values: constructFromEvents(events, { source: text, schema: KUBERNETES_YAML_SCHEMA, json: false }),
    stream: compactStream(events),
  };
}

const DOCUMENT_SEPARATOR = /^---(?=[ \t\r\n]|$)/gm;

function parseYamlByDocument(source: Source): ParsedSource {
  const documents: ParsedDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  const bounds = [
    0,
    ...[...source.text.matchAll(DOCUMENT_SEPARATOR)].map((m) => m.index).filter((i) => i > 0),
  ];
  let index = 0;
  bounds.forEach((start, i) => {
    const end = bounds[i + 1] ?? source.text.length;
    const text = source.text.slice(start, end);
    try {
      const parsed = parseYamlChunk(source, text, start, index);
      for (const document of parsed) documents.push(document);
      index += Math.max(parsed.length, 1);
    } catch (error) {
      if (error instanceof DuplicateKeyError)
        diagnostics.push(duplicateDiagnostic(source, error, start, index));
      else if (error instanceof YAMLException) diagnostics.push(yamlDiagnostic(source, error, start, index));
      else throw error;
      index += 1;
    }
  });
  return { documents, diagnostics };
}

function yamlDiagnostic(source: Source, error: YAMLException, offset: number, index: number): Diagnostic {
  const position = error.mark?.position;
  const { line, column } =
    position === undefined ? { line: 0, column: 0 } : lineColumn(source, offset + position);
  return {
    level: 'error',
    file: source.file,
    line,
    column,
    message: `document ${index + 1}: invalid YAML: ${error.reason || error.message.split('\n')[0]}`,
  };
}

/**
 * A repeated key, where its second occurrence is, worded as go-yaml's strict decoding words it
 * (`mapping key "x" already defined at line N`, which kubectl prints).
 */
function duplicateDiagnostic(
  source: Source,
  error: DuplicateKeyError,
  offset: number,
  index: number | undefined,
): Diagnostic {
  const { key, position, firstPosition } = error.duplicate;
  const { line, column } = lineColumn(source, offset + position);
  const first = lineColumn(source, offset + firstPosition).line;
  const document = index === undefined ? '' : `document ${String(index + 1)}: `;
  const message = `${document}mapping key ${JSON.stringify(key)} already defined at line ${String(first)}`;
  return { level: 'error', file: source.file, line, column, message };
}

function parseJson(source: Source): ParsedSource {
  const tooDeep = firstTooDeep(source.text, LIMITS.maxDepth);
  if (tooDeep !== undefined) {
    const { line, column } = lineColumn(source, tooDeep);
    const message = `nesting deeper than ${LIMITS.maxDepth} levels`;
    return { documents: [], diagnostics: [{ level: 'error', file: source.file, line, column, message }] };
  }
  let value: unknown;
  try {
    value = JSON.parse(source.text);
  } catch (error) {
    return { documents: [], diagnostics: [jsonDiagnostic(source, error as SyntaxError)] };
  }
  const duplicate = jsonMayRepeatKeys(source.text, value) ? repeatedJsonKey(source.text) : undefined;
  if (duplicate) {
    const diagnostic = duplicateDiagnostic(source, new DuplicateKeyError(duplicate), 0, undefined);
    return { documents: [], diagnostics: [diagnostic] };
  }
  return { documents: [{ value, index: 0, events: jsonEvents(source) }], diagnostics: [] };
}

/** The first repeated key of JSON text, found with the YAML tokenizer (JSON is YAML). */
function repeatedJsonKey(text: string): DuplicateKey | undefined {
  try {
    return findDuplicateKey(
      parseEvents(text, { maxDepth: LIMITS.maxDepth + 1 }),
      text,
      KUBERNETES_YAML_SCHEMA,
    );
  } catch (error) {
    if (error instanceof YAMLException) return undefined;
    throw error;
  }
}

/** Events of a whole JSON source, tokenised on first use (`source.text` is read only then). */
function jsonEvents(source: Source): DocumentEvents {
  let events: CompactEvents | undefined;
  return {
    source,
    offset: 0,
    get text() {
      return source.text;
    },
    events: () => (events ??= compactEvents(parseEvents(source.text, { maxDepth: LIMITS.maxDepth + 1 }))),
    start: 0,
  };
}

/**
 * A document for a value already in memory and known to be within the nesting limit (the object of
 * an admission request): nothing is parsed; positions, when a caller asks for one, are found in the
 * value's JSON serialisation.
 */
export function valueDocument(file: string, value: unknown): ParsedDocument {
  let text: string | undefined;
  const source: Source = {
    file,
    format: 'json',
    get text() {
      return (text ??= JSON.stringify(value, null, 2));
    },
  };
  return { value, index: 0, events: jsonEvents(source) };
}

function jsonDiagnostic(source: Source, error: SyntaxError): Diagnostic {
  const match = /position (\d+)/.exec(error.message);
  const { line, column } =
    match?.[1] === undefined ? { line: 0, column: 0 } : lineColumn(source, Number(match[1]));
  return { level: 'error', file: source.file, line, column, message: `invalid JSON: ${error.message}` };
}
