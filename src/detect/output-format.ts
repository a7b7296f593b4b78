import type { EventScope } from './event-scope.ts';
import type { Slots } from './event-scope.ts';
import type { Operand } from './operand.ts';
import { compileOperand, ConditionCompileError } from './operand.ts';
import { parseOutputOperand } from './parse-condition.ts';

/** A value of an alert's `output_fields`: a string, a list, a number (`len`), or null when absent. */
export type OutputFieldValue = string | number | boolean | null | readonly string[];

/** A rule's compiled output: the expanded text and the values of its fields. */
export type OutputFormatter = (scope: EventScope) => {
  readonly output: string;
  readonly outputFields: Readonly<Record<string, OutputFieldValue>>;
};

/** Missing values print as `<NA>` (falcosecurity/libs userspace/libsinsp/eventformatter.cpp). */
const NOT_AVAILABLE = '<NA>';

interface Token {
  readonly text: string;
  readonly operand?: Operand;
  readonly width: number;
  readonly transformed: boolean;
}

/**
 * Compiles a rule output as libsinsp's event formatter reads it: `%field` (and `%tolower(field)`)
 * tokens take the longest prefix that names a field; `%20field` pads or cuts to a width. Lists print
 * as `(a,b)`, absent values as `<NA>`. `output_fields` holds each untransformed field's value as JSON
 * (a list as an array, absent as null).
 */
export function compileOutput(
  format: string,
  slots: Slots,
  reads: Map<number, Operand['read']>,
): OutputFormatter {
  const tokens: Token[] = [];
  let literalStart = 0;
  let j = 0;
  for (; j < format.length; j++) {
    if (format[j] !== '%') continue;
    if (literalStart !== j)
      tokens.push({ text: format.slice(literalStart, j), width: 0, transformed: false });
    if (j === format.length - 1)
      throw new ConditionCompileError(
        'invalid formatting syntax: formatting cannot end with a %',
        position(format, j),
      );
    let width = 0;
    const digits = /^[0-9]+/.exec(format.slice(j + 1));
    if (digits) {
      width = Number(digits[0]);
      j += digits[0].length;
      if (j === format.length - 1)
        throw new ConditionCompileError(
          'invalid formatting syntax: formatting cannot end with a number',
          position(format, j),
        );
    }
    const token = longestOperand(format, j + 1, slots, reads);
    tokens.push({ text: token.text, operand: token.operand, width, transformed: token.text.includes('(') });
    j += token.length;
    literalStart = j + 1;
  }
  if (literalStart < format.length)
    tokens.push({ text: format.slice(literalStart), width: 0, transformed: false });
  return (scope) => {
    let output = '';
    const outputFields: Record<string, OutputFieldValue> = {};
    for (const token of tokens) {
      if (!token.operand) {
        output += token.text;
        continue;
      }
      const value = token.operand.read(scope);
      let text =
        value === undefined ? NOT_AVAILABLE : typeof value === 'string' ? value : `(${value.join(',')})`;
      if (token.width > 0)
        text = text.length >= token.width ? text.slice(0, token.width) : text.padEnd(token.width);
      output += text;
      if (!token.transformed)
        outputFields[token.text] = value === undefined ? null : token.operand.numeric ? Number(value) : value;
    }
    return { output, outputFields };
  };
}

function longestOperand(
  format: string,
  start: number,
  slots: Slots,
  reads: Map<number, Operand['read']>,
): { text: string; operand: Operand; length: number } {
  let error: unknown;
  for (let size = format.length - start; size > 0; size--) {
    const parsed = parseOutputOperand(format.slice(start, start + size));
    if (!parsed) continue;
    try {
      const operand = compileOperand(parsed.operand, slots, reads);
      return { text: format.slice(start, start + parsed.length), operand, length: parsed.length };
    } catch (caught) {
      if (!(caught instanceof ConditionCompileError)) throw caught;
      error ??= caught;
      size = Math.min(size, parsed.length);
    }
  }
  const reason = error instanceof Error ? error.message : `no field at '${format.slice(start, start + 20)}'`;
  throw new ConditionCompileError(`unknown filter: ${reason}`, position(format, start));
}

function position(text: string, idx: number): { idx: number; line: number; col: number } {
  const before = text.slice(0, idx);
  const line = before.split('\n').length;
  return { idx, line, col: idx - before.lastIndexOf('\n') };
}
