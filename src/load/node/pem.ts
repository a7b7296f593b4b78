/** One PEM block: its label, its text from the BEGIN line to the END line, and where it starts. */
export interface PemBlock {
  readonly label: string;
  readonly text: string;
  /** 1-based line of the BEGIN line. */
  readonly line: number;
}

/** A PEM structure problem: a BEGIN without its END, an END without its BEGIN. */
export interface PemProblem {
  /** 1-based line of the offending BEGIN or END line. */
  readonly line: number;
  readonly message: string;
}

/** What {@link scanPem} found, in file order. */
export interface PemScan {
  readonly blocks: readonly PemBlock[];
  readonly problems: readonly PemProblem[];
}

const BEGIN = /^-----BEGIN ([A-Z0-9 ]+)-----$/;
const END = /^-----END ([A-Z0-9 ]+)-----$/;

interface OpenBlock {
  readonly label: string;
  readonly line: number;
  readonly offset: number;
}

/**
 * The PEM blocks of a text, in one pass over its lines (time linear in the text, whatever it holds).
 * Encapsulation boundaries stand on lines of their own (RFC 7468), surrounding spaces allowed; text
 * outside blocks (explanations, bag attributes) is ignored. A block whose BEGIN has no matching END
 * line is a problem, and so is an END with no BEGIN.
 */
export function scanPem(text: string): PemScan {
  const blocks: PemBlock[] = [];
  const problems: PemProblem[] = [];
  let open: OpenBlock | undefined;
  let line = 0;
  for (let start = 0; start <= text.length;) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    line += 1;
    const content = text.slice(start, end).trim();
    const begin = content.startsWith('-----BEGIN ') ? BEGIN.exec(content) : null;
    const finish = content.startsWith('-----END ') ? END.exec(content) : null;
    if (begin) {
      if (open) problems.push(unterminated(open));
      open = { label: begin[1] ?? '', line, offset: start };
    } else if (finish) {
      const label = finish[1] ?? '';
      if (open?.label === label) blocks.push({ label, text: text.slice(open.offset, end), line: open.line });
      else
        problems.push({
          line,
          message: open
            ? `END ${label} does not close BEGIN ${open.label} of line ${String(open.line)}`
            : `END ${label} without a BEGIN line`,
        });
      open = undefined;
    }
    if (newline === -1) break;
    start = newline + 1;
  }
  if (open) problems.push(unterminated(open));
  return { blocks, problems };
}

function unterminated(open: OpenBlock): PemProblem {
  return { line: open.line, message: `BEGIN ${open.label} has no END line` };
}
