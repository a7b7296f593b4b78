import type { ExceptionInfo } from './collector.ts';
import { RulesError } from './errors.ts';
import { fieldInfo } from './operand.ts';
import { OPERATORS } from './parse-condition.ts';

// How Falco composes a rule's condition text before parsing it
// (falcosecurity/falco userspace/engine/rule_loader_compiler.cpp): exceptions become
// `and not (...)` clauses, and list names are replaced by their items, textually.

/** An item with a space is double-quoted, unless it is quoted already (`quote_item`). */
function quoteItem(item: string): string {
  return item.includes(' ') && item[0] !== '"' && item[0] !== "'" ? `"${item}"` : item;
}

const BLANKS = ' \t\n\r';
const DELIMITERS = `${BLANKS}(),=`;

/**
 * Replaces every whole-word occurrence of a list's name (between blanks, parentheses, commas or `=`)
 * with its comma-separated items (`resolve_list`). An empty list also takes one neighbouring comma.
 */
export function resolveList(
  condition: string,
  name: string,
  items: readonly string[],
): { text: string; used: boolean } {
  let text = condition;
  let used = false;
  let start = text.indexOf(name);
  while (start !== -1) {
    let end = start + name.length;
    const before = start === 0 || DELIMITERS.includes(text[start - 1] as string);
    const after = end >= text.length || DELIMITERS.includes(text[end] as string);
    if (before && after) {
      while (start > 0 && BLANKS.includes(text[start - 1] as string)) start--;
      while (end < text.length && BLANKS.includes(text[end] as string)) end++;
      const substitute = items.map(quoteItem).join(', ');
      if (substitute === '') {
        if (start > 0 && text[start - 1] === ',') start--;
        else if (end < text.length && text[end] === ',') end++;
      }
      text = `${start > 0 ? `${text.slice(0, start)} ` : ''}${substitute} ${text.slice(end)}`;
      start += substitute.length + 1;
      used = true;
    }
    start = text.indexOf(name, start + 1);
  }
  return { text, used };
}

/** Resolves every list, in definition order. */
export function resolveLists(condition: string, lists: ReadonlyMap<string, readonly string[]>): string {
  let text = condition;
  for (const [name, items] of lists) text = resolveList(text, name, items).text;
  return text;
}

const LIST_OPERATORS = ['in', 'intersects', 'pmatch'];

/** Checks an exception's fields and comps and fills the default comps (`validate_exception_info`). */
function exceptionShape(exception: ExceptionInfo): {
  fields: string | readonly string[];
  comps: string | readonly string[];
} {
  const fields = exception.fields;
  if (fields === undefined)
    throw new RulesError('Rule exception item must have fields property with a list of fields', exception.at);
  if (typeof fields !== 'string') {
    const comps = exception.comps ?? fields.map(() => '=');
    if (typeof comps === 'string' || comps.length !== fields.length)
      throw new RulesError('Fields and comps lists must have equal length', exception.at);
    for (const comp of comps)
      if (!OPERATORS.includes(comp.trim()))
        throw new RulesError(`'${comp.trim()}' is not a supported comparison operator`, exception.at);
    for (const field of fields)
      if (!fieldInfo(field)) throw new RulesError(`'${field}' is not a supported filter field`, exception.at);
    return { fields, comps: comps.map((c) => c.trim()) };
  }
  const comps = exception.comps ?? 'in';
  if (typeof comps !== 'string') throw new RulesError('Fields and comps must both be strings', exception.at);
  if (!LIST_OPERATORS.includes(comps.trim()))
    throw new RulesError(
      'When fields is a single value, comps must be one of (in, pmatch, intersects)',
      exception.at,
    );
  if (!fieldInfo(fields)) throw new RulesError(`'${fields}' is not a supported filter field`, exception.at);
  return { fields, comps: comps.trim() };
}

/** The condition with its exceptions appended as `and not (...)` (`build_rule_exception_infos`). */
export function withExceptions(condition: string, exceptions: readonly ExceptionInfo[]): string {
  if (exceptions.length === 0) return condition;
  let result = `(${condition})`;
  for (const exception of exceptions) {
    const { fields, comps } = exceptionShape(exception);
    let clause = '';
    if (typeof fields === 'string') {
      for (const value of exception.values) {
        if (typeof value !== 'string')
          throw new RulesError('Expected values array to contain a list of strings', exception.at);
        clause += clause === '' ? `(${fields} ${comps as string} (` : ', ';
        clause += quoteItem(value);
      }
      if (clause !== '') clause += '))';
    } else {
      const rows: string[] = [];
      for (const row of exception.values) {
        if (typeof row === 'string' || row.length !== fields.length)
          throw new RulesError('Fields and values lists must have equal length', exception.at);
        const parts = fields.map((field, k) => {
          const value = row[k] as string | readonly string[];
          const comp = (comps as readonly string[])[k] as string;
          let operand: string;
          if (typeof value !== 'string') operand = `(${value.map(quoteItem).join(', ')})`;
          else if (LIST_OPERATORS.includes(comp)) operand = value.startsWith('(') ? value : `(${value})`;
          else operand = quoteItem(value);
          return ` ${field} ${comp} ${operand}`;
        });
        rows.push(`(${parts.join(' and ')})`);
      }
      clause = rows.length === 0 ? '' : `(${rows.join(' or ')})`;
    }
    if (clause !== '') result += ` and not ${clause}`;
  }
  return result;
}
