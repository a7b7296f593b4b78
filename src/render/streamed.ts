/**
 * A list written item by item: a report's findings, results or test cases, produced only as the
 * writer reaches them, so that no renderer holds the whole list's text. Each iteration runs `items`
 * afresh, so a report can be rendered more than once.
 */
export class StreamedList<T = unknown> {
  readonly #items: () => Iterable<T>;

  constructor(items: () => Iterable<T>) {
    this.#items = items;
  }

  [Symbol.iterator](): Iterator<T> {
    return this.#items()[Symbol.iterator]();
  }
}

/** `items` mapped lazily: `map` runs on each item as the list is written. */
export function streamedMap<S, T>(items: Iterable<S>, map: (item: S) => T): StreamedList<T> {
  return new StreamedList(function* () {
    for (const item of items) yield map(item);
  });
}

/** A chunk's target size: pieces are joined until they reach it. */
export const CHUNK_SIZE = 64 * 1024;

/**
 * `pieces` joined into chunks of at most {@link CHUNK_SIZE} characters each (one piece longer than
 * that is a chunk of its own): few writes, each of bounded size.
 */
export function* chunked(pieces: Iterable<string>): Generator<string, void, undefined> {
  let buffer = '';
  for (const piece of pieces) {
    if (buffer.length + piece.length > CHUNK_SIZE && buffer !== '') {
      yield buffer;
      buffer = '';
    }
    buffer += piece;
  }
  if (buffer !== '') yield buffer;
}
