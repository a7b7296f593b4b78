import stringWidth from 'string-width';

const SGR = /\x1b\[[0-9;]*m/g;
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });
/** Text whose every character takes one column: printable ASCII (most of a report). */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Columns a text takes on a terminal: wide characters count 2, colour codes 0. */
export function displayWidth(text: string): number {
  const plain = text.includes('\x1b') ? text.replace(SGR, '') : text;
  return PRINTABLE_ASCII.test(plain) ? plain.length : stringWidth(text);
}

/** Splits a word wider than `width` into pieces that fit, keeping colour codes whole. */
function breakWord(word: string, width: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  let used = 0;
  for (const token of word.split(/(\x1b\[[0-9;]*m)/)) {
    if (token.startsWith('\x1b[')) {
      piece += token;
      continue;
    }
    for (const { segment } of graphemes.segment(token)) {
      const cells = stringWidth(segment);
      if (used > 0 && used + cells > width) {
        pieces.push(piece);
        piece = '';
        used = 0;
      }
      piece += segment;
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
    lines.push(...pieces.slice(0, -1));
    line = pieces.at(-1) ?? '';
  }
  if (line !== '') lines.push(line);
  return text.includes('\x1b[') ? carryColours(lines) : lines;
}
