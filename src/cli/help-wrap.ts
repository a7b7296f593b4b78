import { Help } from 'commander';

/**
 * Wraps help text to the help width (the terminal's, else 80 columns) as prose: consecutive lines
 * that do not start with whitespace form one paragraph, wrapped anew, so descriptions may be written
 * in lines of any length; indented lines (examples, commands to copy) and blank lines are kept as
 * written. Installed on every command as commander's `boxWrap`.
 */
export function wrapHelpText(this: Help, text: string, width: number): string {
  const out: string[] = [];
  let paragraph: string[] = [];
  const flush = (): void => {
    if (paragraph.length > 0) out.push(Help.prototype.boxWrap.call(this, paragraph.join(' '), width));
    paragraph = [];
  };
  for (const line of text.split('\n')) {
    if (line === '' || /^\s/.test(line)) {
      flush();
      out.push(line);
    } else paragraph.push(line);
  }
  flush();
  return out.join('\n');
}
