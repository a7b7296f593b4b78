import type { ExprNode } from './ast.ts';
import { Collector } from './collector.ts';
import type { MacroInfo, RuleInfo } from './collector.ts';
import { ConditionCompiler } from './compile-condition.ts';
import type { MacroTable } from './compile-condition.ts';
import { resolveLists, withExceptions } from './condition-text.ts';
import { RulesError } from './errors.ts';
import type { RulesLocation } from './errors.ts';
import type { Test } from './event-scope.ts';
import { Slots } from './event-scope.ts';
import type { Operand } from './operand.ts';
import { compileOperand, ConditionCompileError } from './operand.ts';
import { INDEX_FIELDS, RuleIndex } from './rule-index.ts';
import type { OutputFormatter } from './output-format.ts';
import { compileOutput } from './output-format.ts';
import { ConditionSyntaxError, parseCondition, parseOutputOperand } from './parse-condition.ts';
import { readRulesFile } from './read-rules.ts';
import type { ReadState } from './read-rules.ts';

/** The event source this engine evaluates. */
export const SOURCE = 'k8s_audit';

/** One rule ready to evaluate. */
export interface LoadedRule {
  readonly info: RuleInfo;
  readonly enabled: boolean;
  readonly test: Test;
  readonly format: OutputFormatter;
  /** The condition's syntax tree with macros left as references (for coverage). */
  readonly ast: ExprNode;
}

/** Everything compiling the files gives. */
export interface LoadedRules {
  readonly rules: readonly LoadedRule[];
  readonly macros: ReadonlyMap<string, ExprNode>;
  readonly slots: Slots;
  readonly state: ReadState;
  /** The enabled-rule selection by stage, verb and resource. */
  readonly index: (rules: readonly LoadedRule[]) => RuleIndex<LoadedRule>;
}

function syntaxOrCompile(error: unknown): error is ConditionSyntaxError | ConditionCompileError {
  return error instanceof ConditionSyntaxError || error instanceof ConditionCompileError;
}

function parseAt(condition: string, at: RulesLocation): ExprNode {
  try {
    return parseCondition(condition);
  } catch (error) {
    if (error instanceof ConditionSyntaxError)
      throw new RulesError(error.message, at, { condition, pos: error.pos });
    throw error;
  }
}

/** Identifiers (macro references) of a syntax tree, with their nodes. */
function* identifiers(node: ExprNode): Generator<Extract<ExprNode, { kind: 'identifier' }>> {
  if (node.kind === 'identifier') yield node;
  else if (node.kind === 'and' || node.kind === 'or')
    for (const child of node.children) yield* identifiers(child);
  else if (node.kind === 'not') yield* identifiers(node.child);
}

/** Lists with items naming an earlier list expanded (`compile_list_infos`). */
function finalLists(collector: Collector): Map<string, readonly string[]> {
  const result = new Map<string, readonly string[]>();
  for (const list of collector.lists.values()) {
    const items: string[] = [];
    for (const item of list.items) {
      const ref = collector.lists.get(item);
      const expanded = ref && ref.index < list.visibility ? result.get(item) : undefined;
      if (expanded) for (const v of expanded) items.push(v);
      else items.push(item);
    }
    result.set(list.name, items);
  }
  return result;
}

/** Parses every macro and checks each only names macros defined before it (`compile_macros_infos`). */
function parseMacros(
  collector: Collector,
  lists: ReadonlyMap<string, readonly string[]>,
): Map<string, { info: MacroInfo; ast: ExprNode; text: string }> {
  const parsed = new Map<string, { info: MacroInfo; ast: ExprNode; text: string }>();
  for (const macro of collector.macros.values()) {
    const text = resolveLists(macro.condition, lists);
    parsed.set(macro.name, { info: macro, ast: parseAt(text, macro.conditionAt), text });
  }
  for (const { info, ast, text } of parsed.values())
    for (const ref of identifiers(ast)) {
      const target = collector.macros.get(ref.name);
      if (!target || target.index >= info.visibility)
        throw new RulesError(`Undefined macro '${ref.name}' used in filter.`, info.conditionAt, {
          condition: text,
          pos: ref.pos,
        });
    }
  return parsed;
}

/**
 * Reads the files in order into one collection and compiles it: lists, then macros, then every rule of
 * the k8s_audit source (rules of other sources are counted in one note per source).
 */
export function loadRules(files: readonly { path: string; text: string }[]): LoadedRules {
  const collector = new Collector();
  const state: ReadState = { notes: [], requiredPluginVersions: [] };
  for (const file of files) readRulesFile(file, collector, state);
  const lists = finalLists(collector);
  const parsedMacros = parseMacros(collector, lists);
  const macros = new Map([...parsedMacros].map(([name, { ast }]) => [name, ast]));
  const table: MacroTable = { lookup: (name) => macros.get(name) };
  const slots = new Slots();
  const reads = new Map<number, Operand['read']>();
  const compiler = new ConditionCompiler(slots, reads, (name) => {
    const macro = parsedMacros.get(name);
    return macro && { at: macro.info.conditionAt, text: macro.text };
  });
  const skipped = new Map<string, number>();
  const rules: LoadedRule[] = [];
  for (const info of [...collector.rules.values()].sort((a, b) => a.index - b.index)) {
    if (info.source !== SOURCE) {
      skipped.set(info.source, (skipped.get(info.source) ?? 0) + 1);
      continue;
    }
    const text = resolveLists(withExceptions(info.condition, info.exceptions), lists);
    const ast = parseAt(text, info.conditionAt);
    let test: Test;
    try {
      test = compiler.compile(ast, table);
    } catch (error) {
      if (!syntaxOrCompile(error)) throw error;
      const unknown = /nonexistent field/.test(error.message);
      if (unknown && info.skipIfUnknownFilter) {
        state.notes.push(
          `${info.at.file}:${info.at.line}:${info.at.column}: rule '${info.name}': skipped: ${error.message}`,
        );
        continue;
      }
      throw compiler.located(error, info.conditionAt, text);
    }
    let format: OutputFormatter;
    try {
      format = compileOutput(info.output, slots, reads);
    } catch (error) {
      if (!(error instanceof ConditionCompileError)) throw error;
      throw new RulesError(`invalid output format: ${error.message}`, info.outputAt, {
        condition: info.output,
        pos: error.pos,
      });
    }
    rules.push({ info, enabled: info.enabled, test, format, ast });
  }
  for (const [source, count] of skipped)
    state.notes.push(`skipped ${count} rule${count === 1 ? '' : 's'} for source ${source}`);
  const readers = INDEX_FIELDS.map((field) => {
    const parsed = parseOutputOperand(field);
    if (!parsed) throw new Error(`index field ${field} does not parse`);
    return compileOperand(parsed.operand, slots, reads).read;
  });
  const index = (selected: readonly LoadedRule[]): RuleIndex<LoadedRule> =>
    new RuleIndex(
      selected.map((rule) => ({ rule, ast: rule.ast })),
      macros,
      readers,
    );
  return { rules, macros, slots, state, index };
}
