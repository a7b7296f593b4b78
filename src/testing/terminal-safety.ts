import assert from 'node:assert/strict';

/** A colour code as kubeward writes it (picocolors): `ESC [ params m`. */
const SGR = /\x1b\[[0-9;]*m/g;

/** What may not reach a terminal: C0 controls but LF, DEL, C1 controls, bidi overrides and isolates. */
const UNSAFE = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/u;

/**
 * Asserts that `output` holds no control character but LF (the renderer's own line breaks) and
 * kubeward's own SGR colour codes: nothing that could erase, move, retitle or reorder what a
 * terminal shows. On failure, names the character, its offset and the text around it.
 */
export function assertTerminalSafe(output: string, what = 'output'): void {
  const text = output.replace(SGR, '');
  const found = UNSAFE.exec(text);
  if (found === null) return;
  const code = found[0].codePointAt(0) ?? 0;
  const around = JSON.stringify(text.slice(Math.max(0, found.index - 40), found.index + 40));
  assert.fail(
    `${what}: raw U+${code.toString(16).padStart(4, '0')} at offset ${String(found.index)}: ${around}`,
  );
}
