import { stringWidthOf } from './string-width.ts';

const SGR = /\x1b\[[0-9;]*m/g;
/** Text whose every character takes one column: printable ASCII (most of a report). */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * Code units segmented at once: V8's Intl.Segmenter (which string-width uses too) slows down
 * quadratically with the length of the text it segments.
 */
const SEGMENT_WINDOW = 256;
const SGR_CODE = /(\x1b\[[0-9;]*m)/;

let segmenter: Intl.Segmenter | undefined;

/** The grapheme segmenter, made on first use: the first one made loads ICU's data, which takes milliseconds. */
function graphemesOf(text: string): Intl.Segments {
  return (segmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' })).segment(text);
}

/**
 * Where to cut a window of a longer text: before its last two clusters, which the next window takes
 * (the cut may have shortened the last, and the one before may join it, as in emoji ZWJ sequences);
 * a printable ASCII character is a cluster of its own unless a combining mark follows.
 */
function cutPoint(window: string): number {
  if (PRINTABLE_ASCII.test(window)) return window.length - 1;
  let last = 0;
  let beforeLast = 0;
  for (const { index } of graphemesOf(window)) {
    beforeLast = last;
    last = index;
  }
  return beforeLast || last || window.length;
}

/**
 * A text cut at grapheme cluster boundaries into chunks of at most {@link SEGMENT_WINDOW} code
 * units; a cluster longer than that is cut.
 */
function* chunksOf(text: string): Generator<string> {
  let start = 0;
  while (text.length - start > SEGMENT_WINDOW) {
    const end = start + cutPoint(text.slice(start, start + SEGMENT_WINDOW));
    yield text.slice(start, end);
    start = end;
  }
  yield text.slice(start);
}

/** The grapheme clusters of a text, segmented a chunk at a time. */
function* clustersOf(text: string): Generator<string> {
  for (const chunk of chunksOf(text))
    if (PRINTABLE_ASCII.test(chunk)) yield* chunk;
    else for (const { segment } of graphemesOf(chunk)) yield segment;
}

/** Columns a text takes on a terminal: wide characters count 2, colour codes 0. */
export function displayWidth(text: string): number {
  const plain = text.includes('\x1b') ? text.replace(SGR, '') : text;
  if (PRINTABLE_ASCII.test(plain)) return plain.length;
  if (text.length <= SEGMENT_WINDOW) return stringWidthOf(text);
  let width = 0;
  for (const part of text.split(SGR_CODE))
    if (!part.startsWith('\x1b[')) for (const chunk of chunksOf(part)) width += stringWidthOf(chunk);
  return width;
}

/** Splits a word wider than `width` into pieces that fit, keeping colour codes whole. */
function breakWord(word: string, width: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  let used = 0;
  for (const token of word.split(SGR_CODE)) {
    if (token.startsWith('\x1b[')) {
      piece += token;
      continue;
    }
    for (const cluster of clustersOf(token)) {
      const cells = stringWidthOf(cluster);
      if (used > 0 && used + cells > width) {
        pieces.push(piece);
        piece = '';
        used = 0;
      }
      piece += cluster;
      used += cells;
    }
  }
  pieces.push(piece);
  return pieces;
}

/** Re-opens on each line the colours still open from the lines before, and closes them at its end. */
function carryColours(lines: readonly string[]): string[] {
  let history = '';
  return lines.map((line, index) => {
    const carried = history + line;
    history += (line.match(SGR) ?? []).join('');
    return index < lines.length - 1 && history !== '' ? `${carried}\x1b[0m` : carried;
  });
}

/**
 * Wraps one line of a cell to `width` display columns at spaces; a word longer than the width is
 * broken inside. Leading spaces stay on the first line. Colours carry over to the next lines.
 */
export function wrapLine(text: string, width: number): string[] {
  if (displayWidth(text) <= width) return [text];
  const indent = /^ */.exec(text)?.[0] ?? '';
  const lines: string[] = [];
  let line = indent;
  for (const word of text.slice(indent.length).split(/ +/)) {
    const joined = line.trim() === '' ? line + word : `${line} ${word}`;
    if (displayWidth(joined) <= width) {
      line = joined;
      continue;
    }
    if (line.trim() !== '') lines.push(line);
    const pieces = displayWidth(word) > width ? breakWord(word, width) : [word];
    line = pieces.pop() ?? '';
    for (const piece of pieces) lines.push(piece);
  }
  if (line !== '') lines.push(line);
  return text.includes('\x1b[') ? carryColours(lines) : lines;
}
