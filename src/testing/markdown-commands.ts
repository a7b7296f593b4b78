/**
 * A ```sh block of a Markdown page, as the docs test runs it: its commands, run one by one at the
 * root of a copy of the repository, each expected to exit with `exitCode`, unless the block is skipped.
 */
export interface CommandBlock {
  /** Line of the opening fence (1-based). */
  readonly line: number;
  /** Logical commands: continuation lines joined, blank and comment-only lines dropped. */
  readonly commands: readonly string[];
  readonly exitCode: number;
  /** Why the block cannot run offline, from `<!-- docs-test: skip: REASON -->`. */
  readonly skip: string | undefined;
}

/** A `<!-- docs-test: … -->` comment the docs test cannot read, with its line. */
export class DocsTestDirectiveError extends Error {}

const FENCE = /^(`{3,})\s*([\w-]*)/;
const DIRECTIVE = /^<!--\s*docs-test:\s*(.*?)\s*-->$/;
const CONTINUED = /(\\|\||&&|\|\|)\s*$/;

interface Directive {
  readonly exitCode: number;
  readonly skip: string | undefined;
}

function readDirective(text: string, line: number): Directive {
  const exit = /^exit\s+(\d{1,3})$/.exec(text);
  if (exit?.[1] !== undefined) return { exitCode: Number(exit[1]), skip: undefined };
  const skip = /^skip:\s*(\S.*)$/.exec(text);
  if (skip?.[1] !== undefined) return { exitCode: 0, skip: skip[1] };
  throw new DocsTestDirectiveError(
    `${String(line)}: unknown docs-test directive "${text}" (use "skip: REASON" or "exit N")`,
  );
}

/** Every directive must stand right before a ```sh block (blank lines allowed), or it would go unnoticed. */
function checkPlacement(lines: readonly string[]): void {
  lines.forEach((line, index) => {
    if (!DIRECTIVE.test(line.trim())) return;
    const next = lines.slice(index + 1).find((candidate) => candidate.trim() !== '') ?? '';
    if (FENCE.exec(next)?.[2] !== 'sh')
      throw new DocsTestDirectiveError(
        `${String(index + 1)}: docs-test directive not followed by a \`\`\`sh block`,
      );
  });
}

/** The block's logical commands: `\`, `|`, `&&` or `||` at a line's end continue it. */
export function commandsOf(lines: readonly string[]): string[] {
  const commands: string[] = [];
  let current = '';
  for (const line of lines) {
    if (current === '' && (line.trim() === '' || line.trim().startsWith('#'))) continue;
    current = current === '' ? line : `${current}\n${line}`;
    if (!CONTINUED.test(line)) {
      commands.push(current);
      current = '';
    }
  }
  if (current !== '') commands.push(current);
  return commands;
}

/**
 * Every ```sh block of a Markdown text. A `<!-- docs-test: skip: REASON -->` or
 * `<!-- docs-test: exit N -->` comment on the last non-blank line before the fence applies to the
 * block; fences with another or no language (synopses, output, YAML) are not commands.
 * Throws DocsTestDirectiveError for a directive it cannot read.
 */
export function commandBlocks(markdown: string): CommandBlock[] {
  const lines = markdown.split('\n');
  checkPlacement(lines);
  const blocks: CommandBlock[] = [];
  let previous = '';
  let previousLine = 0;
  for (let index = 0; index < lines.length; index++) {
    const text = lines[index] ?? '';
    const fence = FENCE.exec(text);
    if (fence?.[1] === undefined) {
      if (text.trim() !== '') [previous, previousLine] = [text.trim(), index + 1];
      continue;
    }
    const end = lines.findIndex((line, at) => at > index && line.startsWith(fence[1] ?? '```'));
    const close = end === -1 ? lines.length : end;
    if (fence[2] === 'sh') {
      const directive = DIRECTIVE.exec(previous);
      const { exitCode, skip } =
        directive?.[1] === undefined
          ? { exitCode: 0, skip: undefined }
          : readDirective(directive[1], previousLine);
      blocks.push({ line: index + 1, commands: commandsOf(lines.slice(index + 1, close)), exitCode, skip });
    }
    index = close;
    previous = '';
  }
  return blocks;
}
