import type { Priority } from './priority.ts';
import type { RulesLocation } from './errors.ts';
import { RulesError } from './errors.ts';

/** One exception of a rule, as written: fields, comps, and rows of values. */
export interface ExceptionInfo {
  readonly name: string;
  readonly fields: string | readonly string[] | undefined;
  readonly comps: string | readonly string[] | undefined;
  readonly values: readonly (string | readonly string[])[];
  readonly at: RulesLocation;
}

interface Indexed {
  /** Position of first definition: a redefinition keeps it (rule order, list order). */
  index: number;
  /** Sequence number of the last change: macros and lists defined before it are visible. */
  visibility: number;
}

export interface ListInfo extends Indexed {
  readonly name: string;
  items: string[];
  at: RulesLocation;
}

export interface MacroInfo extends Indexed {
  readonly name: string;
  condition: string;
  at: RulesLocation;
  conditionAt: RulesLocation;
}

export interface RuleInfo extends Indexed {
  readonly name: string;
  condition: string;
  output: string;
  desc: string;
  priority: Priority;
  source: string;
  enabled: boolean;
  tags: string[];
  exceptions: ExceptionInfo[];
  skipIfUnknownFilter: boolean;
  at: RulesLocation;
  conditionAt: RulesLocation;
  outputAt: RulesLocation;
}

/** The parts of a rule an append or a replace may carry. */
export interface RuleUpdate {
  readonly name: string;
  readonly source: string | undefined;
  readonly condition?: string;
  readonly output?: string;
  readonly desc?: string;
  readonly tags?: readonly string[];
  readonly exceptions?: readonly ExceptionInfo[];
  readonly priority?: Priority;
  readonly enabled?: boolean;
  readonly skipIfUnknownFilter?: boolean;
  readonly at: RulesLocation;
}

/**
 * Collects lists, macros and rules across files in order, as Falco's rule_loader::collector does
 * (falcosecurity/falco userspace/engine/rule_loader_collector.cpp): a redefinition replaces the item in
 * place, an append extends it (a condition with a space between), a replace overrides given keys.
 */
export class Collector {
  private sequence = 0;
  readonly lists = new Map<string, ListInfo>();
  readonly macros = new Map<string, MacroInfo>();
  readonly rules = new Map<string, RuleInfo>();

  defineList(name: string, items: readonly string[], at: RulesLocation): void {
    const id = this.sequence++;
    const prev = this.lists.get(name);
    this.lists.set(name, { name, items: [...items], at, index: prev?.index ?? id, visibility: id });
  }

  appendList(name: string, items: readonly string[], at: RulesLocation): void {
    const prev = this.lists.get(name);
    if (!prev)
      throw new RulesError(
        "List uses 'append' or 'override.items: append' but no list by that name already exists",
        at,
      );
    for (const item of items) prev.items.push(item);
    prev.visibility = this.sequence++;
  }

  defineMacro(name: string, condition: string, at: RulesLocation, conditionAt: RulesLocation): void {
    const id = this.sequence++;
    const prev = this.macros.get(name);
    this.macros.set(name, { name, condition, at, conditionAt, index: prev?.index ?? id, visibility: id });
  }

  appendMacro(name: string, condition: string, at: RulesLocation): void {
    const prev = this.macros.get(name);
    if (!prev)
      throw new RulesError(
        "Macro uses 'append' or 'override.condition: append' but no macro by that name already exists",
        at,
      );
    prev.condition += ` ${condition}`;
    prev.visibility = this.sequence++;
  }

  defineRule(rule: Omit<RuleInfo, 'index' | 'visibility'>): void {
    const id = this.sequence++;
    const prev = this.findRule(rule.name, rule.source, rule.at);
    this.rules.set(rule.name, { ...rule, index: prev?.index ?? id, visibility: id });
  }

  appendRule(update: RuleUpdate): void {
    const prev = this.findRule(update.name, update.source, update.at);
    if (!prev)
      throw new RulesError(
        "Rule uses 'append' or 'override.<key>: append' but no rule by that name already exists",
        update.at,
      );
    if (update.condition) prev.condition += ` ${update.condition}`;
    if (update.output) prev.output += ` ${update.output}`;
    if (update.desc) prev.desc += ` ${update.desc}`;
    for (const tag of update.tags ?? []) if (!prev.tags.includes(tag)) prev.tags.push(tag);
    for (const exception of update.exceptions ?? []) {
      const index = prev.exceptions.findIndex((e) => e.name === exception.name);
      const existing = prev.exceptions[index];
      if (!existing) {
        if (exception.fields === undefined)
          throw new RulesError(
            'Rule exception must have fields property with a list of fields',
            exception.at,
          );
        if (exception.values.length === 0)
          throw new RulesError(
            'Rule exception must have values property with a list of values',
            exception.at,
          );
        prev.exceptions.push(exception);
        continue;
      }
      if (exception.fields !== undefined)
        throw new RulesError(
          'Can not append exception fields to existing exception, only values',
          exception.at,
        );
      if (exception.comps !== undefined)
        throw new RulesError(
          'Can not append exception comps to existing exception, only values',
          exception.at,
        );
      prev.exceptions[index] = { ...existing, values: [...existing.values, ...exception.values] };
    }
    prev.visibility = this.sequence++;
  }

  replaceRule(update: RuleUpdate): void {
    const prev = this.findRule(update.name, update.source, update.at);
    if (!prev)
      throw new RulesError(
        "An 'override.<key>: replace' to a rule was requested but no rule by that name already exists",
        update.at,
      );
    if (update.condition !== undefined) prev.condition = update.condition;
    if (update.output !== undefined) prev.output = update.output;
    if (update.desc !== undefined) prev.desc = update.desc;
    if (update.tags !== undefined) prev.tags = [...update.tags];
    if (update.exceptions !== undefined) prev.exceptions = [...update.exceptions];
    if (update.priority !== undefined) prev.priority = update.priority;
    if (update.enabled !== undefined) prev.enabled = update.enabled;
    if (update.skipIfUnknownFilter !== undefined) prev.skipIfUnknownFilter = update.skipIfUnknownFilter;
    prev.visibility = this.sequence++;
  }

  /** The deprecated standalone `enabled:` item. */
  enableRule(name: string, enabled: boolean, at: RulesLocation): void {
    const prev = this.rules.get(name);
    if (!prev) throw new RulesError("Rule has 'enabled' key but no rule by that name already exists", at);
    prev.enabled = enabled;
    prev.visibility = this.sequence++;
  }

  private findRule(name: string, source: string | undefined, at: RulesLocation): RuleInfo | undefined {
    const prev = this.rules.get(name);
    if (prev && source !== undefined && source !== '' && prev.source !== source)
      throw new RulesError(
        `Rule has been re-defined with a different source (previously ${prev.source}, now ${source})`,
        at,
      );
    return prev;
  }
}
