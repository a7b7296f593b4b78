/** A quoted scalar's continuation line that {@link indentQuotedContinuations} indented, 1-based. */
export interface IndentedLine {
  readonly line: number;
}

function indentOf(line: string): number {
  let i = 0;
  while (line[i] === ' ') i++;
  return i;
}

/** Whether a quote at `i` opens a scalar: at the start of a token, not inside a plain scalar. */
function opensScalar(line: string, i: number): boolean {
  const before = line.slice(0, i).trimEnd();
  return before === '' || /[:\-[{,?]$/.test(before) || /^\s*$/.test(line.slice(0, i));
}

/**
 * Indents the continuation lines of single- and double-quoted scalars that are indented no deeper
 * than the line the scalar starts on. The YAML spec (flow scalars in block context, s-flow-line-prefix)
 * requires them to be deeper and js-yaml refuses them ("deficient indentation"); libyaml and go-yaml,
 * and so kubectl, do not check it and fold the lines as usual (`a: "x⏎y"` is `x y`). Leading spaces of
 * a continuation line are not part of the value, so adding some changes nothing but the parse.
 * Lines keep their numbers. Block scalars (`|`, `>`) and comments are skipped.
 */
export function indentQuotedContinuations(text: string): { text: string; lines: IndentedLine[] } {
  const lines = text.split('\n');
  const indented: IndentedLine[] = [];
  let quote: string | undefined;
  let startIndent = 0;
  let blockParent = -1;
  for (let n = 0; n < lines.length; n++) {
    let line = lines[n] ?? '';
    let from = 0;
    if (quote !== undefined) {
      const needed = startIndent + 1;
      if (line.trim() !== '' && indentOf(line) < needed) {
        line = ' '.repeat(needed) + line.trimStart();
        lines[n] = line;
        indented.push({ line: n + 1 });
      }
      from = indentOf(line);
    } else if (blockParent >= 0) {
      if (line.trim() === '' || indentOf(line) > blockParent) continue;
      blockParent = -1;
    }
    for (let i = from; i < line.length; i++) {
      const ch = line[i];
      if (quote === '"') {
        if (ch === '\\') i++;
        else if (ch === '"') quote = undefined;
        continue;
      }
      if (quote === "'") {
        if (ch === "'" && line[i + 1] === "'") i++;
        else if (ch === "'") quote = undefined;
        continue;
      }
      if (ch === '#' && (i === 0 || line[i - 1] === ' ' || line[i - 1] === '\t')) break;
      if ((ch === '"' || ch === "'") && opensScalar(line, i)) {
        quote = ch;
        startIndent = /^[ ]*(- +)*/.exec(line)?.[0].length ?? 0;
        continue;
      }
      if (
        (ch === '|' || ch === '>') &&
        opensScalar(line, i) &&
        /^[|>][-+0-9]*\s*(#.*)?$/.test(line.slice(i))
      ) {
        blockParent = indentOf(line);
        break;
      }
    }
  }
  return { text: lines.join('\n'), lines: indented };
}
