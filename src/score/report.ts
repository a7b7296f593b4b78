import { isRecord } from '../model/path.ts';
import { DEFAULT_NAMESPACE, isClusterScoped } from '../model/scope.ts';
import type { RuleOutcome, ScoreOptions } from './score.ts';
import { scoreObject } from './score.ts';
import type { ObjectScore } from './score.ts';
import { validateObject } from './validate.ts';

/** A rule as a kubesec report lists it; the key order is kubesec's. */
export interface KubesecRuleEntry {
  readonly id: string;
  readonly selector: string;
  readonly reason: string;
  readonly points: number;
}

/** kubesec's `scoring`: an empty bucket is omitted, the others appear in this order. */
export interface KubesecScoring {
  readonly critical?: readonly KubesecRuleEntry[];
  readonly passed?: readonly KubesecRuleEntry[];
  readonly advise?: readonly KubesecRuleEntry[];
}

/** One element of kubesec's JSON array, keys in kubesec's order. */
export interface KubesecReport {
  readonly object: string;
  readonly valid: boolean;
  readonly fileName: string;
  readonly message: string;
  readonly score: number;
  readonly scoring: KubesecScoring;
}

/** The message kubesec gives a kind no rule applies to. */
const UNSUPPORTED_MESSAGE = 'This resource kind is not supported by kubesec';

/** Options of `kubesecReport`. */
export interface ReportOptions extends ScoreOptions {
  /** Run the offline schema check first (kubesec always validates); default true. */
  readonly validate?: boolean;
  /** Namespace of the object name when the object names none (kubectl `-n`); `default` unless given. */
  readonly defaultNamespace?: string;
}

/** The report and, when rules ran, the detailed score behind it. */
export interface ScoredReport {
  readonly report: KubesecReport;
  readonly result: ObjectScore | undefined;
}

/**
 * Scores one decoded document the way `kubesec scan` reports it: schema problems first (`valid:false`,
 * score 0, empty scoring, the validator's message), then unsupported kinds (score 0, empty scoring),
 * then the rules.
 */
export function kubesecReport(value: unknown, fileName: string, options: ReportOptions = {}): ScoredReport {
  const object = objectName(value, options.defaultNamespace ?? DEFAULT_NAMESPACE);
  const invalid = options.validate === false ? undefined : validateObject(value);
  if (invalid !== undefined || !isRecord(value))
    return {
      report: {
        object,
        valid: false,
        fileName,
        message: invalid ?? "error while parsing: missing 'kind' key",
        score: 0,
        scoring: {},
      },
      result: undefined,
    };
  const result = scoreObject(value, options);
  if (!result.supported)
    return {
      report: { object, valid: true, fileName, message: UNSUPPORTED_MESSAGE, score: 0, scoring: {} },
      result,
    };
  const verdict = result.score >= 0 ? 'Passed' : 'Failed';
  return {
    report: {
      object,
      valid: true,
      fileName,
      message: `${verdict} with a score of ${String(result.score)} points`,
      score: result.score,
      scoring: {
        ...bucket('critical', result.critical),
        ...bucket('passed', result.passed),
        ...bucket('advise', result.advise),
      },
    },
    result,
  };
}

function bucket(name: keyof KubesecScoring, outcomes: readonly RuleOutcome[]): KubesecScoring {
  if (outcomes.length === 0) return {};
  return {
    [name]: outcomes.map(({ rule }) => ({
      id: rule.id,
      selector: rule.selector,
      reason: rule.reason,
      points: rule.points,
    })),
  };
}

/**
 * kubesec's object name `Kind/name.namespace`: `undefined` without a name, `default` without a
 * namespace (`fallbackNamespace` instead for a namespaced kind, as `kubectl apply -n` places it),
 * `Unknown` (alone) without a kind; values printed as Go's `%v` would (`ConfigMap/1.2`).
 */
function objectName(value: unknown, fallbackNamespace: string): string {
  if (!isRecord(value) || value.kind === undefined || value.kind === null || value.kind === '')
    return 'Unknown';
  const metadata = isRecord(value.metadata) ? value.metadata : {};
  const name = metadata.name ?? 'undefined';
  const namespace =
    metadata.namespace ??
    (typeof value.kind === 'string' && !isClusterScoped(value.kind) ? fallbackNamespace : DEFAULT_NAMESPACE);
  return `${goValue(value.kind)}/${goValue(name)}.${goValue(namespace)}`;
}

function goValue(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(goValue).join(' ')}]`;
  if (isRecord(value))
    return `map[${Object.keys(value)
      .sort()
      .map((key) => `${key}:${goValue(value[key])}`)
      .join(' ')}]`;
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  return JSON.stringify(value);
}
