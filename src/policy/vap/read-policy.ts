import { isRecord } from '../../model/path.ts';
import type { Mapping } from '../../model/path.ts';
import type { Resource } from '../../model/resource.ts';
import type {
  AdmissionPolicy,
  AdmissionPolicyBinding,
  MatchResources,
  NamedExpression,
  ParamRef,
  ResourceRule,
  ValidationAction,
} from './model.ts';

/** A model read from a manifest, or the problems that keep it from being one. */
export type ReadResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: readonly string[] };

const API_GROUP = 'admissionregistration.k8s.io/';

/** Whether a resource is a ValidatingAdmissionPolicy (any version of the group). */
export function isAdmissionPolicy(resource: Resource): boolean {
  return resource.kind === 'ValidatingAdmissionPolicy' && resource.apiVersion.startsWith(API_GROUP);
}

/** Whether a resource is a ValidatingAdmissionPolicyBinding (any version of the group). */
export function isAdmissionPolicyBinding(resource: Resource): boolean {
  return resource.kind === 'ValidatingAdmissionPolicyBinding' && resource.apiVersion.startsWith(API_GROUP);
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

const records = (value: unknown): Mapping[] => (Array.isArray(value) ? value.filter(isRecord) : []);

const optionalString = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

function readRule(rule: Mapping): ResourceRule {
  return {
    operations: strings(rule.operations),
    apiGroups: strings(rule.apiGroups),
    apiVersions: strings(rule.apiVersions),
    resources: strings(rule.resources),
    scope: optionalString(rule.scope) ?? '*',
    resourceNames: strings(rule.resourceNames),
  };
}

function readMatch(value: unknown, where: string, problems: string[]): MatchResources {
  const match = isRecord(value) ? value : {};
  const matchPolicy = match.matchPolicy ?? 'Equivalent';
  if (matchPolicy !== 'Equivalent' && matchPolicy !== 'Exact')
    problems.push(`${where}.matchPolicy must be Equivalent or Exact, not ${JSON.stringify(matchPolicy)}`);
  return {
    namespaceSelector: match.namespaceSelector ?? {},
    objectSelector: match.objectSelector ?? {},
    resourceRules: records(match.resourceRules).map(readRule),
    excludeResourceRules: records(match.excludeResourceRules).map(readRule),
    matchPolicy: matchPolicy === 'Exact' ? 'Exact' : 'Equivalent',
  };
}

function readNamed(value: unknown, where: string, problems: string[]): NamedExpression[] {
  const named: NamedExpression[] = [];
  for (const [index, item] of records(value).entries()) {
    const { name, expression } = item;
    if (typeof name !== 'string' || name === '' || typeof expression !== 'string' || expression === '')
      problems.push(`${where}[${String(index)}] needs a name and an expression`);
    else named.push({ name, expression });
  }
  return named;
}

/**
 * Reads a ValidatingAdmissionPolicy, applying the API defaults (failurePolicy Fail, matchPolicy
 * Equivalent, reason Invalid) and reporting what the API server's validation would refuse.
 */
export function readAdmissionPolicy(resource: Resource): ReadResult<AdmissionPolicy> {
  const problems: string[] = [];
  const spec = isRecord(resource.object.spec) ? resource.object.spec : {};
  if (!isRecord(spec.matchConstraints) || records(spec.matchConstraints.resourceRules).length === 0)
    problems.push('spec.matchConstraints.resourceRules is required');
  const matchConstraints = readMatch(spec.matchConstraints, 'spec.matchConstraints', problems);
  const paramKind = isRecord(spec.paramKind) ? spec.paramKind : undefined;
  if (
    paramKind !== undefined &&
    (typeof paramKind.apiVersion !== 'string' || typeof paramKind.kind !== 'string')
  )
    problems.push('spec.paramKind needs apiVersion and kind');
  const validations = records(spec.validations).map((validation, index) => {
    if (typeof validation.expression !== 'string' || validation.expression === '')
      problems.push(`spec.validations[${String(index)}].expression is required`);
    return {
      expression: typeof validation.expression === 'string' ? validation.expression : 'false',
      message: optionalString(validation.message),
      messageExpression: optionalString(validation.messageExpression),
      reason: optionalString(validation.reason) ?? 'Invalid',
    };
  });
  const auditAnnotations = records(spec.auditAnnotations).flatMap((annotation) =>
    typeof annotation.key === 'string' && typeof annotation.valueExpression === 'string'
      ? [{ key: annotation.key, valueExpression: annotation.valueExpression }]
      : [],
  );
  if (validations.length === 0 && auditAnnotations.length === 0)
    problems.push('spec.validations and spec.auditAnnotations may not both be empty');
  const failurePolicy = spec.failurePolicy ?? 'Fail';
  if (failurePolicy !== 'Fail' && failurePolicy !== 'Ignore')
    problems.push(`spec.failurePolicy must be Fail or Ignore, not ${JSON.stringify(failurePolicy)}`);
  const matchConditions = readNamed(spec.matchConditions, 'spec.matchConditions', problems);
  if (matchConditions.length > 64) problems.push('spec.matchConditions may hold at most 64 conditions');
  const variables = readNamed(spec.variables, 'spec.variables', problems);
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      name: resource.name,
      resource,
      paramKind:
        paramKind !== undefined &&
        typeof paramKind.apiVersion === 'string' &&
        typeof paramKind.kind === 'string'
          ? { apiVersion: paramKind.apiVersion, kind: paramKind.kind }
          : undefined,
      matchConstraints,
      matchConditions,
      variables,
      validations,
      auditAnnotations,
      failurePolicy: failurePolicy === 'Ignore' ? 'Ignore' : 'Fail',
    },
  };
}

function readParamRef(value: unknown, problems: string[]): ParamRef | undefined {
  if (!isRecord(value)) return undefined;
  const name = optionalString(value.name);
  const selector = isRecord(value.selector) ? value.selector : undefined;
  if ((name === undefined) === (selector === undefined))
    problems.push('spec.paramRef needs exactly one of name and selector');
  const action = value.parameterNotFoundAction ?? 'Deny';
  if (action !== 'Allow' && action !== 'Deny')
    problems.push(
      `spec.paramRef.parameterNotFoundAction must be Allow or Deny, not ${JSON.stringify(action)}`,
    );
  return {
    name,
    namespace: optionalString(value.namespace),
    selector,
    parameterNotFoundAction: action === 'Allow' ? 'Allow' : 'Deny',
  };
}

/**
 * Reads a ValidatingAdmissionPolicyBinding: policyName and validationActions are required, Deny
 * and Warn together are refused, paramRef takes a name xor a selector.
 */
export function readAdmissionPolicyBinding(resource: Resource): ReadResult<AdmissionPolicyBinding> {
  const problems: string[] = [];
  const spec = isRecord(resource.object.spec) ? resource.object.spec : {};
  const policyName = optionalString(spec.policyName);
  if (policyName === undefined) problems.push('spec.policyName is required');
  const actions = strings(spec.validationActions);
  const known = new Set(['Deny', 'Warn', 'Audit']);
  if (actions.length === 0) problems.push('spec.validationActions is required');
  for (const action of actions)
    if (!known.has(action)) problems.push(`unknown validation action ${JSON.stringify(action)}`);
  if (new Set(actions).size !== actions.length)
    problems.push('spec.validationActions may not repeat an action');
  if (actions.includes('Deny') && actions.includes('Warn'))
    problems.push('spec.validationActions may not contain both Deny and Warn');
  const paramRef = readParamRef(spec.paramRef, problems);
  const matchResources = isRecord(spec.matchResources)
    ? readMatch(spec.matchResources, 'spec.matchResources', problems)
    : undefined;
  if (problems.length > 0 || policyName === undefined) return { ok: false, problems };
  return {
    ok: true,
    value: {
      name: resource.name,
      declared: true,
      resource,
      policyName,
      paramRef,
      matchResources,
      validationActions: actions.filter((action): action is ValidationAction => known.has(action)),
    },
  };
}

/** The binding kubeward evaluates a policy with when no binding names it: Deny, no params. */
export function implicitBinding(policy: AdmissionPolicy): AdmissionPolicyBinding {
  return {
    name: '',
    declared: false,
    resource: undefined,
    policyName: policy.name,
    paramRef: undefined,
    matchResources: undefined,
    validationActions: ['Deny'],
  };
}
