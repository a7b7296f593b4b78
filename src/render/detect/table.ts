import pc from 'picocolors';
import type { Alert, Priority } from '../../detect/index.ts';
import { escapeControls } from '../../model/terminal-text.ts';
import { displayWidth } from '../wrap.ts';

/** How `-o table` lays alerts out: one line each, under one header, as they come. */
export interface AlertTableOptions {
  readonly color: boolean;
  /** The names of the rules that can fire, to size the rule column once for the whole stream. */
  readonly ruleNames: readonly string[];
}

/** The widest rule column; longer names are cut with `…`. */
const MAX_RULE_WIDTH = 40;
/** An RFC 3339 time with nanoseconds. */
const TIME_WIDTH = 30;
/** `INFORMATIONAL`. */
const PRIORITY_WIDTH = 13;
const GAP = '   ';

/** Writes alerts as a table whose columns are fixed up front, so each alert prints as soon as it is found. */
export interface AlertTable {
  readonly header: string;
  row(alert: Alert): string;
}

/**
 * `-o table`, for a stream of alerts: TIME, PRIORITY, RULE and OUTPUT, one line per alert. Rule
 * names and outputs come from rules and events: their control characters are escaped.
 */
export function alertTable(options: AlertTableOptions): AlertTable {
  const colors = pc.createColors(options.color);
  const paint: Readonly<Record<Priority, (text: string) => string>> = {
    EMERGENCY: (text) => colors.bold(colors.red(text)),
    ALERT: (text) => colors.bold(colors.red(text)),
    CRITICAL: (text) => colors.bold(colors.red(text)),
    ERROR: colors.red,
    WARNING: colors.yellow,
    NOTICE: colors.cyan,
    INFORMATIONAL: (text) => text,
    DEBUG: colors.dim,
  };
  let ruleWidth = 4;
  for (const name of options.ruleNames)
    ruleWidth = Math.max(ruleWidth, Math.min(MAX_RULE_WIDTH, displayWidth(escapeControls(name))));
  const pad = (text: string, width: number): string => {
    const shown = displayWidth(text) > width ? `${text.slice(0, width - 1)}…` : text;
    return shown + ' '.repeat(Math.max(0, width - displayWidth(shown)));
  };
  return {
    header: `${[pad('TIME', TIME_WIDTH), pad('PRIORITY', PRIORITY_WIDTH), pad('RULE', ruleWidth), 'OUTPUT'].join(GAP)}\n`,
    row(alert) {
      return `${[
        pad(alert.time, TIME_WIDTH),
        paint[alert.priority](pad(alert.priority, PRIORITY_WIDTH)),
        pad(escapeControls(alert.rule), ruleWidth),
        escapeControls(alert.output),
      ].join(GAP)}\n`;
    },
  };
}
