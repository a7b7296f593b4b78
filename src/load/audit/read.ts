import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { Diagnostic } from '../../model/diagnostic.ts';
import { formatFileSize } from '../file-size.ts';
import { firstTooDeep } from '../json-depth.ts';
import { LIMITS } from '../limits.ts';
import { locate } from '../locate.ts';
import { parseSource } from '../parse.ts';
import { fileError } from '../read.ts';
import { openRegularFile, tooLarge } from '../regular-file.ts';
import { auditEventsOf } from './events.ts';
import type { AuditEvent } from './events.ts';
import { followFile } from './follow.ts';
import type { FollowOptions, FollowRestart } from './follow.ts';
import { jsonErrorOffset } from './json-error.ts';
import { LineSplitter } from './lines.ts';
import type { LineSink } from './lines.ts';

/** How stdin is named in diagnostics. */
const STDIN = '<stdin>';
/** Bytes looked at to tell JSON lines from a YAML or indented JSON document. */
const SNIFF_BYTES = 64 * 1024;
const GZIP_MAGIC = [0x1f, 0x8b] as const;

/** How {@link readAuditEvents} reads. */
export interface AuditReadOptions {
  /** The longest line kept; a longer one is an error diagnostic, skipped without being held. */
  readonly maxLineBytes: number;
  /** The largest document (an EventList in YAML or indented JSON) read whole (`--max-file-size`). */
  readonly maxFileSize: number;
  /** Follow files as `tail -F` does (`-F`): never ends until the signal aborts. */
  readonly follow?: FollowOptions;
  /** Standard input, `-`; `process.stdin` by default. */
  readonly stdin?: AsyncIterable<Buffer>;
}

/** What one stretch of an input held. */
export interface AuditBatch {
  readonly events: readonly AuditEvent[];
  readonly diagnostics: readonly Diagnostic[];
  /** Lines, documents or list items that held no usable event. */
  readonly dropped: number;
}

function isRestart(chunk: Buffer | FollowRestart): chunk is FollowRestart {
  return !Buffer.isBuffer(chunk);
}

/**
 * Reads the audit events of one input, a few at a time (one batch per chunk read), in bounded
 * memory:
 * - JSON lines as the API server's log backend writes them (`--audit-log-path`), one Event (or
 *   EventList) per line, plain or gzip-compressed (rotated logs: told by their magic bytes, not
 *   their name); at most one line of `maxLineBytes` is held;
 * - a YAML or indented JSON document (an `EventList`, or several `---` documents), read whole up to
 *   `maxFileSize`; told from JSON lines by its first line: anything but a JSON object on one line;
 * - `-`: standard input, either of the above;
 * - with `follow`, a file read on as it grows (JSON lines only; see {@link followFile}).
 *
 * A bad line is an error diagnostic at file:line (and column, for JSON syntax) and reading goes
 * on. A file that cannot be opened, or is not a regular file, is one error diagnostic.
 */
export async function* readAuditEvents(input: string, options: AuditReadOptions): AsyncGenerator<AuditBatch> {
  const file = input === '-' ? STDIN : input;
  const lines = new EventLines(file, options.maxLineBytes);
  let mode: 'sniff' | 'lines' | 'document' = options.follow === undefined ? 'sniff' : 'lines';
  let held: Buffer[] = [];
  let heldBytes = 0;
  try {
    for await (const chunk of chunksOf(input, options)) {
      if (isRestart(chunk)) {
        lines.restart();
        continue;
      }
      if (mode === 'lines') {
        if (options.follow !== undefined && lines.lines === 0 && isGzip(chunk)) {
          yield failure({
            level: 'error',
            file,
            line: 0,
            column: 0,
            message: 'gzip-compressed: -F follows plain log files; read rotated .gz files without -F',
          });
          return;
        }
        lines.push(chunk);
        if (lines.pending) yield lines.take();
        continue;
      }
      held.push(chunk);
      heldBytes += chunk.length;
      if (mode === 'sniff') {
        mode = sniff(Buffer.concat(held, heldBytes), heldBytes >= SNIFF_BYTES) ?? 'sniff';
        if (mode === 'lines') {
          for (const part of held) lines.push(part);
          held = [];
          heldBytes = 0;
          yield lines.take();
        }
      }
      if (mode === 'document' && heldBytes > options.maxFileSize) {
        yield failure(fileError(file, tooLarge(file, undefined, options.maxFileSize)));
        return;
      }
    }
    if (mode === 'sniff') mode = sniff(Buffer.concat(held, heldBytes), true) ?? 'lines';
    if (mode === 'document') {
      yield documentEvents(file, Buffer.concat(held, heldBytes).toString('utf8'));
      return;
    }
    for (const part of held) lines.push(part);
    lines.end();
    yield lines.take();
  } catch (error) {
    const diagnostic = fileError(file, error);
    yield failure(lines.lines > 0 ? { ...diagnostic, line: lines.lines } : diagnostic);
  }
}

function isGzip(chunk: Buffer): boolean {
  return chunk[0] === GZIP_MAGIC[0] && chunk[1] === GZIP_MAGIC[1];
}

function failure(diagnostic: Diagnostic): AuditBatch {
  return { events: [], diagnostics: [diagnostic], dropped: 0 };
}

/**
 * `lines` when the first line that is not blank is a JSON object, `document` when it is not (YAML,
 * or a `{` alone: indented JSON), undefined when more bytes are needed to tell (unless `atEnd`).
 */
function sniff(bytes: Buffer, atEnd: boolean): 'lines' | 'document' | undefined {
  let start = 0;
  while (start < bytes.length && [0x20, 0x09, 0x0a, 0x0d].includes(bytes[start] ?? 0)) start++;
  if (start === bytes.length) return atEnd ? 'lines' : undefined;
  if (bytes[start] !== 0x7b && !(bytes[start] === 0xef && bytes[start + 3] === 0x7b)) return 'document';
  const end = bytes.indexOf(0x0a, start);
  if (end === -1) return atEnd ? 'lines' : undefined;
  return bytes
    .toString('utf8', start, end)
    .trim()
    .replace(/^\ufeff/, '') === '{'
    ? 'document'
    : 'lines';
}

async function* chunksOf(input: string, options: AuditReadOptions): AsyncGenerator<Buffer | FollowRestart> {
  if (input !== '-' && options.follow !== undefined) {
    yield* followFile(input, options.follow);
    return;
  }
  if (input === '-') {
    yield* gunzipped(options.stdin ?? (process.stdin as AsyncIterable<Buffer>));
    return;
  }
  const handle = await openRegularFile(input);
  try {
    yield* gunzipped(handle.createReadStream({ autoClose: false, highWaterMark: 64 * 1024 }));
  } finally {
    await handle.close();
  }
}

/** The bytes of `source`, decompressed when they start with gzip's magic bytes (several members too). */
async function* gunzipped(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const iterator = source[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done === true) return;
  const head: Buffer = first.value;
  const rest: AsyncIterable<Buffer> = { [Symbol.asyncIterator]: () => iterator };
  if (!isGzip(head)) {
    yield head;
    yield* rest;
    return;
  }
  const compressed = Readable.from(
    (async function* () {
      yield head;
      yield* rest;
    })(),
  );
  const gunzip = createGunzip();
  compressed.on('error', (error) => gunzip.destroy(error));
  compressed.pipe(gunzip);
  try {
    for await (const chunk of gunzip) yield chunk as Buffer;
  } finally {
    compressed.destroy();
  }
}

/** The events of a whole YAML or JSON document, its problems located by line and column. */
function documentEvents(file: string, text: string): AuditBatch {
  const source = { file, text, format: /^\s*\{/.test(text) ? 'json' : 'yaml' } as const;
  const parsed = parseSource(source);
  const events: AuditEvent[] = [];
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  let dropped = parsed.diagnostics.length;
  for (const document of parsed.documents) {
    if (document.value === null || document.value === undefined) continue;
    const found = auditEventsOf(document.value);
    for (const event of found.events) events.push(event);
    for (const problem of found.problems) {
      const { line, column } = locate(
        document.events,
        problem.item === undefined ? [] : ['items', problem.item],
      );
      diagnostics.push({ level: 'error', file, line, column, message: problem.message });
      dropped++;
    }
  }
  return { events, diagnostics, dropped };
}

/** The events of JSON lines, gathered line by line until taken. */
class EventLines implements LineSink {
  readonly #file: string;
  readonly #maxLineBytes: number;
  #splitter: LineSplitter;
  #events: AuditEvent[] = [];
  #diagnostics: Diagnostic[] = [];
  #dropped = 0;

  constructor(file: string, maxLineBytes: number) {
    this.#file = file;
    this.#maxLineBytes = maxLineBytes;
    this.#splitter = new LineSplitter(maxLineBytes);
  }

  get lines(): number {
    return this.#splitter.lines;
  }

  get pending(): boolean {
    return this.#events.length > 0 || this.#diagnostics.length > 0;
  }

  push(chunk: Buffer): void {
    this.#splitter.push(chunk, this);
  }

  end(): void {
    this.#splitter.end(this);
  }

  /** The file starts again (truncated or rotated): a partial last line is given, numbering restarts. */
  restart(): void {
    this.#splitter.end(this);
    this.#splitter = new LineSplitter(this.#maxLineBytes);
  }

  take(): AuditBatch {
    const batch = { events: this.#events, diagnostics: this.#diagnostics, dropped: this.#dropped };
    this.#events = [];
    this.#diagnostics = [];
    this.#dropped = 0;
    return batch;
  }

  line(text: string, number: number): void {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      if (text.trim() === '') return;
      const tooDeep = firstTooDeep(text, LIMITS.maxDepth);
      if (tooDeep !== undefined)
        this.#problem(
          number,
          tooDeep + 1,
          `invalid JSON: nesting deeper than ${String(LIMITS.maxDepth)} levels`,
        );
      else
        this.#problem(number, (jsonErrorOffset(text) ?? 0) + 1, `invalid JSON: ${(error as Error).message}`);
      return;
    }
    const found = auditEventsOf(value);
    for (const event of found.events) this.#events.push(event);
    for (const problem of found.problems) this.#problem(number, 0, problem.message);
  }

  overlong(number: number, bytes: number): void {
    this.#problem(
      number,
      0,
      `line of ${formatFileSize(bytes)} exceeds --max-line-size ${formatFileSize(this.#maxLineBytes)}; skipped`,
    );
  }

  #problem(line: number, column: number, message: string): void {
    this.#diagnostics.push({ level: 'error', file: this.#file, line, column, message });
    this.#dropped++;
  }
}
