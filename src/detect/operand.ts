import { Buffer } from 'node:buffer';
import type { ConditionPosition, OperandNode } from './ast.ts';
import type { EventScope } from './event-scope.ts';
import { cachedReader, Slots } from './event-scope.ts';
import type { FieldInfo, FieldValue } from './field-value.ts';
import { listValue } from './field-value.ts';
import { jsonExtractor, jsonFieldInfo } from './json-fields.ts';
import { k8sauditExtractor, k8sauditFieldInfo, NO_INDEX } from './k8saudit-fields.ts';
import { asciiLower, asciiUpper } from './string-match.ts';

/** A semantic error in a condition (unknown field, wrong operator): message and position. */
export class ConditionCompileError extends Error {
  override readonly name = 'ConditionCompileError';
  readonly pos: ConditionPosition;
  constructor(message: string, pos: ConditionPosition) {
    super(message);
    this.pos = pos;
  }
}

/** A compiled operand: how to read it per event and what it yields. */
export interface Operand {
  readonly read: (scope: EventScope) => FieldValue;
  readonly list: boolean;
  /** Yields numbers (after `len`): compared as unsigned integers. */
  readonly numeric: boolean;
  /** The field's name as written, for messages. */
  readonly label: string;
}

/** The declaration of a `ka.*`, `jevt.*` or `json.*` field. */
export function fieldInfo(name: string): FieldInfo | undefined {
  return k8sauditFieldInfo(name) ?? jsonFieldInfo(name);
}

/** The text of an operand as written, also its cache key. */
export function operandText(node: OperandNode): string {
  if (node.kind === 'field') return node.arg === undefined ? node.name : `${node.name}[${node.arg}]`;
  return `${node.name}(${operandText(node.operand)})`;
}

/** libsinsp's index arguments: decimal, no leading zero (plugin_filtercheck.cpp, extract_arg_index). */
function parseIndex(arg: string): number | undefined {
  return /^(?:0|[1-9][0-9]*)$/.test(arg) ? Number(arg) : undefined;
}

function fieldOperand(
  node: Extract<OperandNode, { kind: 'field' }>,
  slots: Slots,
  reads: Map<number, Operand['read']>,
): Operand {
  const info = fieldInfo(node.name);
  if (!info)
    throw new ConditionCompileError(`filter_check called with nonexistent field ${node.name}`, node.pos);
  let index = NO_INDEX;
  if (node.arg !== undefined) {
    if (info.arg === 'none')
      throw new ConditionCompileError(`filter ${node.name} does not accept an argument`, node.pos);
    if (info.arg === 'index') {
      const parsed = parseIndex(node.arg);
      if (parsed === undefined)
        throw new ConditionCompileError(
          `filter ${node.name} argument must be a numeric index, got '${node.arg}'`,
          node.pos,
        );
      index = parsed;
    }
  } else if (info.argRequired)
    throw new ConditionCompileError(`filter ${node.name} requires an argument`, node.pos);
  const arg = node.arg ?? '';
  const extract = node.name.startsWith('ka.')
    ? k8sauditExtractor(node.name, index, arg)
    : jsonExtractor(node.name, arg);
  const label = operandText(node);
  return {
    read: shared(slots, reads, label, (scope) => extract(scope.event)),
    list: info.list,
    numeric: false,
    label,
  };
}

function shared(
  slots: Slots,
  reads: Map<number, Operand['read']>,
  key: string,
  compute: (scope: EventScope) => FieldValue,
): Operand['read'] {
  const { index } = slots.slot(`field:${key}`);
  const existing = reads.get(index);
  if (existing) return existing;
  const read = cachedReader(index, compute);
  reads.set(index, read);
  return read;
}

function mapValues(value: FieldValue, map: (text: string) => string | undefined): FieldValue {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return map(value);
  const result: string[] = [];
  for (const item of value) {
    const mapped = map(item);
    if (mapped === undefined) return undefined;
    result.push(mapped);
  }
  return listValue(result);
}

/** Base64 without requiring padding; undefined when not valid base64 (the transformer then fails). */
function base64Decode(text: string): string | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.replace(/=+$/, '').length % 4 === 1) return undefined;
  return Buffer.from(text, 'base64').toString('latin1');
}

function basename(text: string): string {
  return text.slice(text.lastIndexOf('/') + 1);
}

/**
 * Compiles an operand: a field, or a transformer over one (libsinsp sinsp_filter_transformers/):
 * tolower, toupper, b64 and basename map each value; len gives a list's count or a string's byte length.
 */
export function compileOperand(
  node: OperandNode,
  slots: Slots,
  reads: Map<number, Operand['read']>,
): Operand {
  if (node.kind === 'field') return fieldOperand(node, slots, reads);
  const inner = compileOperand(node.operand, slots, reads);
  const label = operandText(node);
  if (node.name === 'val') return inner;
  if (inner.numeric)
    throw new ConditionCompileError(
      `can't add field transformer: type 'uint64' is not supported by '${node.name}' transformer applied on field '${inner.label}'`,
      node.pos,
    );
  const read = inner.read;
  if (node.name === 'len') {
    const compute = (scope: EventScope): FieldValue => {
      const value = read(scope);
      if (value === undefined) return undefined;
      return typeof value === 'string' ? String(Buffer.byteLength(value, 'utf8')) : String(value.length);
    };
    return { read: shared(slots, reads, label, compute), list: false, numeric: true, label };
  }
  const map =
    node.name === 'tolower'
      ? asciiLower
      : node.name === 'toupper'
        ? asciiUpper
        : node.name === 'b64'
          ? base64Decode
          : basename;
  const compute = (scope: EventScope): FieldValue => mapValues(read(scope), map);
  return { read: shared(slots, reads, label, compute), list: inner.list, numeric: false, label };
}

export { Slots };
