import { ConfigError } from '../model/errors.ts';
import { escapeControls } from '../model/terminal-text.ts';
import type { ConditionPosition } from './ast.ts';

/** Where a rules problem is: the file, the item's line and column, the item (`rule 'X'`). */
export interface RulesLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** `rule 'Name'`, `macro 'name'`, `list 'name'`, or empty for the file itself. */
  readonly item: string;
}

/** Where a condition error stands inside the (composed) condition text. */
export interface ConditionLocation {
  readonly condition: string;
  readonly pos: ConditionPosition;
}

/**
 * A rules file that cannot be loaded: YAML, item structure, condition syntax, unknown field, undefined
 * macro. The message reads `file:line:col: rule 'Name': what`, and for a condition the position in it
 * (`at 1:24`) with the condition's line and a caret.
 */
export class RulesError extends ConfigError {
  override readonly name: string = 'RulesError';
  readonly location: RulesLocation;
  readonly condition: ConditionLocation | undefined;
  readonly reason: string;

  constructor(reason: string, location: RulesLocation, condition?: ConditionLocation) {
    super(rulesMessage(reason, location, condition));
    this.location = location;
    this.condition = condition;
    this.reason = reason;
  }
}

function rulesMessage(reason: string, location: RulesLocation, condition?: ConditionLocation): string {
  const where = location.line > 0 ? `${location.file}:${location.line}:${location.column}` : location.file;
  const item = location.item === '' ? '' : ` ${location.item}:`;
  if (!condition) return escapeControls(`${where}:${item} ${reason}`);
  const { pos } = condition;
  const line = condition.condition.split(/\r\n|\r|\n/)[pos.line - 1] ?? '';
  return [
    escapeControls(`${where}:${item} condition at ${pos.line}:${pos.col}: ${reason}`),
    `  ${escapeControls(line)}`,
    `  ${' '.repeat(Math.max(0, pos.col - 1))}^`,
  ].join('\n');
}
