import { loadRules } from './compile-rules.ts';
import type { LoadedRule, LoadedRules } from './compile-rules.ts';
import { ruleCoverageOf } from './coverage.ts';
import { begin, newScope } from './event-scope.ts';
import { eventTime, isoTime } from './event-time.ts';
import type { Priority } from './priority.ts';

export { RulesError } from './errors.ts';
export { PRIORITIES, atLeast, parsePriority, priorityLabel } from './priority.ts';
export { ENGINE_VERSION } from './read-rules.ts';
export type { Priority } from './priority.ts';

/** A Falco rules file as read: its path (for messages) and text. */
export interface RulesFile {
  readonly path: string;
  readonly text: string;
}

/** One rule match on one audit event, with what Falco's JSON output carries. */
export interface Alert {
  /** Event time (stageTimestamp, else requestReceivedTimestamp) as Falco prints it: RFC 3339, nanoseconds, UTC. */
  readonly time: string;
  readonly rule: string;
  readonly priority: Priority;
  /** The rule's output with `%field` expanded as Falco does (absent values print `<NA>`, lists `(a,b)`). */
  readonly output: string;
  /** Each untransformed output field's value: a string, a list, a number, or null when absent. */
  readonly outputFields: Readonly<Record<string, string | number | boolean | null | readonly string[]>>;
  readonly tags: readonly string[];
  readonly source: 'k8s_audit';
}

/** A loaded rule's identity and state. */
export interface CompiledRule {
  readonly name: string;
  readonly priority: Priority;
  readonly tags: readonly string[];
  readonly enabled: boolean;
  /** The file that defined it last. */
  readonly file: string;
  readonly description: string;
}

/** A compiled set of rules, ready to match audit events. */
export interface Ruleset {
  readonly rules: readonly CompiledRule[];
  /** What loading noted without failing: rules skipped for another source, deprecated or unknown keys. */
  readonly notes: readonly string[];
  readonly requiredPluginVersions: readonly { name: string; version: string }[];
  /** The alerts of one parsed audit.k8s.io/v1 Event object (none for anything else). */
  match(event: unknown): readonly Alert[];
}

/** Options of `compileRules`. */
export interface CompileOptions {
  /** Rules with any of these tags are disabled (Falco's `-T`). */
  readonly disabledTags?: readonly string[];
  /**
   * `first` (Falco's default `rule_matching`) stops at the first matching rule of an event, in rule
   * order; `all` reports every matching rule.
   */
  readonly ruleMatching?: 'first' | 'all';
}

const internals = new WeakMap<Ruleset, LoadedRules>();

/**
 * Loads and compiles rules files in order (later override earlier) as Falco does, and keeps the rules
 * of the `k8s_audit` source. Throws RulesError (a ConfigError) naming the file, line and column, the
 * rule, and the position in the condition.
 */
export function compileRules(files: readonly RulesFile[], options: CompileOptions = {}): Ruleset {
  const loaded = loadRules(files);
  const disabledTags = new Set(options.disabledTags ?? []);
  const all = options.ruleMatching === 'all';
  const enabled = loaded.rules.filter((r) => r.enabled && !r.info.tags.some((t) => disabledTags.has(t)));
  const index = loaded.index(enabled);
  const scope = newScope();
  const rules: CompiledRule[] = loaded.rules.map((r) => ({
    name: r.info.name,
    priority: r.info.priority,
    tags: [...r.info.tags],
    enabled: enabled.includes(r),
    file: r.info.at.file,
    description: r.info.desc,
  }));
  const ruleset: Ruleset = {
    rules,
    notes: loaded.state.notes,
    requiredPluginVersions: loaded.state.requiredPluginVersions,
    match(event) {
      if (event === null || typeof event !== 'object' || Array.isArray(event)) return [];
      begin(scope, event);
      let alerts: Alert[] | undefined;
      for (const rule of index.candidates(scope)) {
        if (!rule.test(scope)) continue;
        (alerts ??= []).push(alertOf(rule, scope, event));
        if (!all) break;
      }
      scope.event = undefined;
      return alerts ?? [];
    },
  };
  internals.set(ruleset, loaded);
  return ruleset;
}

function alertOf(rule: LoadedRule, scope: Parameters<LoadedRule['test']>[0], event: unknown): Alert {
  const { output, outputFields } = rule.format(scope);
  const time = eventTime(event);
  return {
    time: time === undefined ? '' : isoTime(time),
    rule: rule.info.name,
    priority: rule.info.priority,
    output,
    outputFields,
    tags: rule.info.tags,
    source: 'k8s_audit',
  };
}

/**
 * For `detect coverage`: which rules can never fire under an audit Policy (an audit.k8s.io/v1 Policy
 * object), with the reason.
 */
export function ruleCoverage(
  ruleset: Ruleset,
  auditPolicy: unknown,
): readonly { rule: string; canFire: boolean; reason?: string }[] {
  const loaded = internals.get(ruleset);
  if (!loaded) throw new TypeError('ruleCoverage needs a Ruleset made by compileRules');
  return ruleCoverageOf(loaded.rules, loaded.macros, auditPolicy);
}
