import type { CelInput, CelValue } from '@bufbuild/cel';
import { MATCH_CONDITIONS_COST_LIMIT, PER_EXPRESSION_COST_LIMIT, newBudget } from '../cel/budget.ts';
import type { Budget } from '../cel/budget.ts';
import type { CelOutcome } from '../cel/compile.ts';
import { fromCel, toCelInput } from '../cel/values.ts';
import type { Resource } from '../../model/resource.ts';
import { isCompileError } from './compiled.ts';
import type { Compiled, CompiledNamed, CompiledPolicy } from './compiled.ts';
import type { AdmissionPolicyBinding, ValidationAction } from './model.ts';
import { requestVariable } from './request.ts';
import type { AdmissionAttributes } from './request.ts';

/** The outcome of one (policy, binding, param) evaluation of a request. */
export type EvaluationOutcome = 'pass' | 'fail' | 'warn' | 'audit' | 'skip' | 'error';

/** One failed validation (or enforced error), with its index in spec.validations. */
export interface ValidationFailure {
  readonly message: string;
  readonly reason: string;
  readonly expressionIndex: number;
  readonly error: boolean;
}

/** What one evaluation decided, in the API server's words. */
export interface Evaluation {
  readonly outcome: EvaluationOutcome;
  /** Denial texts (Deny), warning texts (Warn), or the reason of a skip or pass. */
  readonly messages: readonly string[];
  readonly failures: readonly ValidationFailure[];
  /** HTTP status a denial would carry (from the first failure's reason), else undefined. */
  readonly status: number | undefined;
  /** Audit annotations: `<policy>/<key>` values and `validation.policy.admission.k8s.io/validation_failure`. */
  readonly auditAnnotations: Readonly<Record<string, string>>;
}

const MAX_MESSAGE_LENGTH = 5 * 1024;
const MAX_AUDIT_VALUE_LENGTH = 10 * 1024;
const STATUS: Readonly<Record<string, number>> = {
  Unauthorized: 401,
  Forbidden: 403,
  Invalid: 422,
  RequestEntityTooLarge: 413,
};

interface Scope {
  readonly base: Readonly<Record<string, CelInput>>;
  readonly budget: Budget;
  readonly variables: Map<string, CelOutcome>;
  readonly compiled: CompiledPolicy;
}

type Result =
  { readonly kind: 'value'; readonly value: CelValue } | { readonly kind: 'error'; readonly message: string };

function run(program: Compiled, reads: readonly string[], scope: Scope, limit: number, upTo: number): Result {
  if (isCompileError(program)) return { kind: 'error', message: program.compileError };
  const variables: Record<string, CelInput> = {};
  for (const name of reads) {
    const value = variable(name, scope, upTo);
    if (value.kind === 'error')
      return { kind: 'error', message: `variable '${name}' evaluation failed: ${value.message}` };
    variables[name] = value.value;
  }
  return program.evaluate({ ...scope.base, variables }, scope.budget, limit);
}

/** Evaluates `variables.<name>` on first use (lazily, as the API server does), memoized. */
function variable(name: string, scope: Scope, upTo: number): Result {
  const index = scope.compiled.variables.findIndex((candidate) => candidate.name === name);
  if (index === -1 || index >= upTo)
    return { kind: 'error', message: `undeclared reference to 'variables.${name}'` };
  const cached = scope.variables.get(name);
  if (cached !== undefined) return cached;
  const declared = scope.compiled.variables[index] as CompiledNamed;
  const value = run(declared.program, declared.reads, scope, PER_EXPRESSION_COST_LIMIT, index);
  const outcome: CelOutcome = value.kind === 'value' ? value : { ...value, costLimit: false };
  scope.variables.set(name, outcome);
  return value;
}

function bindingLabel(policy: string, binding: AdmissionPolicyBinding): string {
  return binding.declared
    ? `ValidatingAdmissionPolicy '${policy}' with binding '${binding.name}'`
    : `ValidatingAdmissionPolicy '${policy}'`;
}

/**
 * The message of a failed validation (`validating/validator.go`): the messageExpression result when
 * it is a non-empty single line of at most 5 KB after trimming, else the static message, else
 * `failed expression: <expression>`.
 */
function failureMessage(index: number, scope: Scope): string {
  const validation = scope.compiled.validations[index];
  if (validation === undefined) return '';
  if (validation.messageProgram !== undefined) {
    const result = run(
      validation.messageProgram,
      validation.reads,
      scope,
      PER_EXPRESSION_COST_LIMIT,
      Infinity,
    );
    if (result.kind === 'value' && typeof result.value === 'string') {
      const text = result.value.trim();
      if (text !== '' && !text.includes('\n') && text.length <= MAX_MESSAGE_LENGTH) return text;
    }
  }
  return validation.message ?? `failed expression: ${validation.expression.trim()}`;
}

function matchConditions(scope: Scope): {
  readonly skip: string | undefined;
  readonly error: string | undefined;
} {
  const budget = newBudget(MATCH_CONDITIONS_COST_LIMIT);
  const conditionScope = { ...scope, budget };
  let error: string | undefined;
  for (const condition of scope.compiled.matchConditions) {
    const result = run(condition.program, [], conditionScope, PER_EXPRESSION_COST_LIMIT, 0);
    if (result.kind === 'value' && result.value === false)
      return { skip: `matchCondition '${condition.name}' is false`, error: undefined };
    if (result.kind === 'error') error ??= `matchCondition '${condition.name}' failed: ${result.message}`;
    else if (result.value !== true) error ??= `matchCondition '${condition.name}' did not evaluate to a bool`;
  }
  return { skip: undefined, error };
}

function auditAnnotations(scope: Scope): Record<string, string> {
  const annotations: Record<string, string> = {};
  for (const annotation of scope.compiled.auditAnnotations) {
    const result = run(annotation.program, annotation.reads, scope, PER_EXPRESSION_COST_LIMIT, Infinity);
    if (result.kind === 'value' && typeof result.value === 'string' && result.value !== '')
      annotations[`${scope.compiled.policy.name}/${annotation.key}`] = result.value.slice(
        0,
        MAX_AUDIT_VALUE_LENGTH,
      );
  }
  return annotations;
}

function enforce(
  failures: readonly ValidationFailure[],
  actions: readonly ValidationAction[],
  label: string,
  binding: AdmissionPolicyBinding,
  policyName: string,
  annotations: Record<string, string>,
): Evaluation {
  const first = failures[0];
  if (first === undefined)
    return { outcome: 'pass', messages: [], failures, status: undefined, auditAnnotations: annotations };
  if (actions.includes('Audit'))
    annotations['validation.policy.admission.k8s.io/validation_failure'] = JSON.stringify(
      failures.map((failure) => ({
        message: failure.message,
        policy: policyName,
        binding: binding.name,
        expressionIndex: failure.expressionIndex,
        validationActions: actions,
      })),
    );
  if (actions.includes('Deny'))
    return {
      outcome: failures.every((failure) => failure.error) ? 'error' : 'fail',
      messages: failures.map((failure) => `${label} denied request: ${failure.message}`),
      failures,
      status: STATUS[first.reason] ?? 422,
      auditAnnotations: annotations,
    };
  if (actions.includes('Warn'))
    return {
      outcome: 'warn',
      messages: failures.map((failure) => `Validation failed for ${label}: ${failure.message}`),
      failures,
      status: undefined,
      auditAnnotations: annotations,
    };
  return {
    outcome: 'audit',
    messages: failures.map((failure) => failure.message),
    failures,
    status: undefined,
    auditAnnotations: annotations,
  };
}

/**
 * Evaluates one (policy, binding, param) combination against a request that already matched the
 * policy's and binding's MatchResources, in the API server's order: matchConditions (any false →
 * skip; an error with none false → failurePolicy), then validations with lazily evaluated
 * variables, messages, and auditAnnotations. Errors (compile, runtime, cost limit) are enforced
 * through the binding's validationActions when failurePolicy is Fail and ignored when Ignore.
 * Each call has its own cost budget and deadline.
 */
export function evaluatePolicy(
  compiled: CompiledPolicy,
  binding: AdmissionPolicyBinding,
  attributes: AdmissionAttributes,
  param: Resource | null,
): Evaluation {
  const policy = compiled.policy;
  const label = bindingLabel(policy.name, binding);
  const scope: Scope = {
    base: {
      object: toCelInput(attributes.object),
      oldObject: toCelInput(attributes.oldObject),
      request: toCelInput(requestVariable(attributes)),
      params: toCelInput(param?.object ?? null),
      namespaceObject: toCelInput(attributes.namespaceObject),
    },
    budget: newBudget(),
    variables: new Map(),
    compiled,
  };
  const ignoreErrors = policy.failurePolicy === 'Ignore';
  const conditions = matchConditions(scope);
  if (conditions.skip !== undefined)
    return {
      outcome: 'skip',
      messages: [conditions.skip],
      failures: [],
      status: undefined,
      auditAnnotations: {},
    };
  if (conditions.error !== undefined) {
    if (ignoreErrors)
      return {
        outcome: 'skip',
        messages: [`${conditions.error} (failurePolicy Ignore)`],
        failures: [],
        status: undefined,
        auditAnnotations: {},
      };
    return enforce(
      [{ message: conditions.error, reason: 'Invalid', expressionIndex: 0, error: true }],
      binding.validationActions,
      label,
      binding,
      policy.name,
      {},
    );
  }
  const failures: ValidationFailure[] = [];
  const ignored: string[] = [];
  for (const [index, validation] of compiled.validations.entries()) {
    const result = run(validation.program, validation.reads, scope, PER_EXPRESSION_COST_LIMIT, Infinity);
    if (result.kind === 'value' && result.value === true) continue;
    if (result.kind === 'value' && result.value === false) {
      failures.push({
        message: failureMessage(index, scope),
        reason: validation.reason,
        expressionIndex: index,
        error: false,
      });
      continue;
    }
    const problem =
      result.kind === 'error'
        ? `expression '${validation.expression.trim()}' resulted in error: ${result.message}`
        : `expression '${validation.expression.trim()}' did not evaluate to a bool (got ${JSON.stringify(fromCel(result.value))})`;
    if (ignoreErrors) ignored.push(problem);
    else failures.push({ message: problem, reason: validation.reason, expressionIndex: index, error: true });
    if (scope.budget.exhausted !== undefined) break;
  }
  const annotations = scope.budget.exhausted === undefined ? auditAnnotations(scope) : {};
  const evaluation = enforce(failures, binding.validationActions, label, binding, policy.name, annotations);
  return ignored.length > 0 && evaluation.outcome === 'pass'
    ? { ...evaluation, messages: ignored.map((problem) => `${problem} (failurePolicy Ignore)`) }
    : evaluation;
}
