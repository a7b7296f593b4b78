/** Where {@link LineSplitter} sends what it finds. */
export interface LineSink {
  /** A complete line (without its `\n` or `\r\n`), numbered from 1. */
  line(text: string, number: number): void;
  /** A line longer than the limit: its bytes were skipped, never held. */
  overlong(number: number, bytes: number): void;
}

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * Splits a stream of bytes into UTF-8 lines, holding at most one line of at most `maxLineBytes`
 * (plus one chunk): a longer line is reported by its number and size and skipped to its end. A final
 * line without a newline is given by {@link end}.
 */
export class LineSplitter {
  readonly #maxLineBytes: number;
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  #skipping = false;
  #number = 0;

  constructor(maxLineBytes: number) {
    this.#maxLineBytes = maxLineBytes;
  }

  /** The number of the last line given (or skipped). */
  get lines(): number {
    return this.#number;
  }

  push(chunk: Buffer, sink: LineSink): void {
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
      this.#complete(chunk, start, end, sink);
      start = end + 1;
    }
    if (start >= chunk.length) return;
    const rest = chunk.length - start;
    if (this.#skipping || this.#pendingBytes + rest > this.#maxLineBytes) {
      this.#pending = [];
      this.#pendingBytes += rest;
      this.#skipping = true;
      return;
    }
    this.#pending.push(Buffer.from(chunk.subarray(start)));
    this.#pendingBytes += rest;
  }

  /** Gives the last line when the input did not end with a newline. */
  end(sink: LineSink): void {
    if (this.#pendingBytes > 0) this.#complete(Buffer.alloc(0), 0, 0, sink);
  }

  #complete(chunk: Buffer, start: number, end: number, sink: LineSink): void {
    const number = ++this.#number;
    const bytes = this.#pendingBytes + end - start;
    const skipped = this.#skipping || bytes > this.#maxLineBytes;
    const pending = this.#pending;
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#skipping = false;
    if (skipped) {
      sink.overlong(number, bytes);
      return;
    }
    let whole = chunk;
    if (pending.length > 0) {
      pending.push(chunk.subarray(start, end));
      whole = Buffer.concat(pending, bytes);
      start = 0;
      end = bytes;
    }
    if (end > start && whole[end - 1] === CARRIAGE_RETURN) end--;
    let text = whole.toString('utf8', start, end);
    if (number === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    sink.line(text, number);
  }
}
