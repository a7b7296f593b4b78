/**
 * What may not reach a terminal, a table, a CI log or a report as it is: C0 controls (TAB and LF
 * too), DEL, C1 controls (U+0080 to U+009F) and the bidirectional overrides and isolates (U+202A to
 * U+202E, U+2066 to U+2069) that reorder what is shown ("Trojan Source").
 */
const CONTROLS = /[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;
const CONTROLS_BUT_LF = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Readonly<Record<string, string>> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function visible(character: string): string {
  const named = NAMED[character];
  if (named !== undefined) return named;
  const code = character.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Options of {@link escapeControls}. */
export interface EscapeOptions {
  /** Keep LF: for a text whose lines are the renderer's own (an XML element's text). */
  readonly keepLineFeeds?: boolean;
}

/**
 * A value from input (a file name, an object name, a message, an annotation) as it may be printed:
 * every control character and bidi override becomes a visible escape (`\n`, `\t`, `\r`, `\x1b`,
 * `\x9b`, `\u202e`), so it can neither erase, move, colour nor reorder what the user sees, nor
 * forge a line. Ordinary Unicode (accents, CJK, emoji) and backslashes are kept as they are. Escape
 * values before colouring or joining them, never the finished output.
 */
export function escapeControls(text: string, options: EscapeOptions = {}): string {
  const controls = options.keepLineFeeds === true ? CONTROLS_BUT_LF : CONTROLS;
  controls.lastIndex = 0;
  return controls.test(text) ? text.replace(controls, visible) : text;
}
