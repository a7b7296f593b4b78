import { apiGroup, resourceKey } from '../../model/resource.ts';
import type { Resource } from '../../model/resource.ts';
import type { PolicyProblem, TestResult } from '../result.ts';
import { subjectRef } from '../result.ts';
import { compilePolicy } from './compiled.ts';
import type { CompiledPolicy } from './compiled.ts';
import { evaluatePolicy } from './evaluate.ts';
import type { Evaluation } from './evaluate.ts';
import { kindTable } from './kinds.ts';
import { matchResources } from './match.ts';
import type { AdmissionPolicyBinding } from './model.ts';
import { resolveParams } from './params.ts';
import {
  implicitBinding,
  isAdmissionPolicy,
  isAdmissionPolicyBinding,
  readAdmissionPolicy,
  readAdmissionPolicyBinding,
} from './read-policy.ts';
import { OFFLINE_USER, admissionAttributes, namespaceObjects } from './request.ts';
import type { AdmissionAttributes, Operation, UserInfo } from './request.ts';

/** Compiled policies and their bindings, read from policy manifests. */
export interface AdmissionSuite {
  readonly policies: readonly CompiledPolicy[];
  readonly bindings: readonly AdmissionPolicyBinding[];
  readonly problems: readonly PolicyProblem[];
}

const problemAt = (resource: Resource, message: string): PolicyProblem => ({
  file: resource.origin.file,
  line: resource.origin.locate([]).line,
  message: `${resource.kind} ${resource.name}: ${message}`,
});

/**
 * Reads every ValidatingAdmissionPolicy and binding among `resources`. A binding whose policy is
 * missing is ignored, as the API server ignores it (reported as a problem so the user sees it). A
 * policy no binding names gets an implicit Deny binding without params, so a lone policy file can
 * be tested.
 */
export function admissionSuite(resources: readonly Resource[]): AdmissionSuite {
  const problems: PolicyProblem[] = [];
  const policies: CompiledPolicy[] = [];
  for (const resource of resources.filter(isAdmissionPolicy)) {
    const read = readAdmissionPolicy(resource);
    if (read.ok) policies.push(compilePolicy(read.value));
    else for (const problem of read.problems) problems.push(problemAt(resource, problem));
  }
  const bindings: AdmissionPolicyBinding[] = [];
  for (const resource of resources.filter(isAdmissionPolicyBinding)) {
    const read = readAdmissionPolicyBinding(resource);
    if (!read.ok) for (const problem of read.problems) problems.push(problemAt(resource, problem));
    else if (!policies.some((compiled) => compiled.policy.name === read.value.policyName))
      problems.push(problemAt(resource, `policy ${read.value.policyName} not found; the binding is ignored`));
    else bindings.push(read.value);
  }
  for (const compiled of policies)
    if (!bindings.some((binding) => binding.policyName === compiled.policy.name))
      bindings.push(implicitBinding(compiled.policy));
  return { policies, bindings, problems };
}

/** How to build the requests a suite is run against. */
export interface AdmissionRunOptions {
  readonly operation: Operation;
  /** Old objects for UPDATE, matched to subjects by kind, namespace and name. */
  readonly oldObjects: readonly Resource[];
  /** Objects params are taken from (manifests and policy files together). */
  readonly paramPool: readonly Resource[];
  readonly defaultNamespace: string;
  readonly userInfo?: UserInfo;
}

function testName(
  compiled: CompiledPolicy,
  binding: AdmissionPolicyBinding,
  param: Resource | null,
  fanOut: boolean,
): string {
  const base = binding.declared ? `${compiled.policy.name}/${binding.name}` : compiled.policy.name;
  return fanOut && param !== null ? `${base}[${resourceKey(param)}]` : base;
}

function result(
  test: string,
  compiled: CompiledPolicy,
  subject: Resource,
  evaluation: Pick<Evaluation, 'outcome' | 'messages'>,
): TestResult {
  return {
    test,
    source: compiled.policy.resource.origin.file,
    subject: subjectRef(subject),
    outcome: evaluation.outcome,
    messages: evaluation.messages,
  };
}

function evaluateBinding(
  compiled: CompiledPolicy,
  binding: AdmissionPolicyBinding,
  attributes: AdmissionAttributes,
  options: AdmissionRunOptions,
  kinds: ReturnType<typeof kindTable>,
): TestResult[] {
  const subject = attributes.subject;
  const policy = compiled.policy;
  const name = testName(compiled, binding, null, false);
  const params = resolveParams(
    policy,
    binding,
    attributes,
    options.paramPool,
    kinds,
    options.defaultNamespace,
  );
  if (params.kind === 'allow')
    return [result(name, compiled, subject, { outcome: 'pass', messages: [params.reason] })];
  if (params.kind === 'error') {
    if (policy.failurePolicy === 'Ignore')
      return [
        result(name, compiled, subject, {
          outcome: 'skip',
          messages: [`${params.message} (failurePolicy Ignore)`],
        }),
      ];
    const denies = binding.validationActions.includes('Deny');
    return [
      result(name, compiled, subject, { outcome: denies ? 'error' : 'warn', messages: [params.message] }),
    ];
  }
  const fanOut = params.params.length > 1;
  return params.params.map((param) =>
    result(
      testName(compiled, binding, param, fanOut),
      compiled,
      subject,
      evaluatePolicy(compiled, binding, attributes, param),
    ),
  );
}

/**
 * Runs an admission suite against manifests: one request per subject (VAPs and bindings are never
 * subjects), each binding whose policy's matchConstraints and own matchResources match it is
 * evaluated once per param. Pairs that do not match give no result.
 */
export function runAdmissionSuite(
  suite: AdmissionSuite,
  subjects: readonly Resource[],
  options: AdmissionRunOptions,
): TestResult[] {
  const kinds = kindTable([...subjects, ...options.paramPool]);
  const context = {
    kinds,
    namespaces: namespaceObjects([...subjects, ...options.paramPool]),
    defaultNamespace: options.defaultNamespace,
    userInfo: options.userInfo ?? OFFLINE_USER,
  };
  const old = new Map(options.oldObjects.map((resource) => [resourceKey(resource), resource]));
  const results: TestResult[] = [];
  for (const subject of subjects) {
    if (
      apiGroup(subject.apiVersion) === 'admissionregistration.k8s.io' &&
      subject.kind.startsWith('ValidatingAdmissionPolicy')
    )
      continue;
    const attributes = admissionAttributes(
      subject,
      options.operation,
      old.get(resourceKey(subject)),
      context,
    );
    for (const binding of suite.bindings) {
      const compiled = suite.policies.find((candidate) => candidate.policy.name === binding.policyName);
      if (compiled === undefined) continue;
      if (!matchResources(compiled.policy.matchConstraints, attributes, true).matches) continue;
      if (
        binding.matchResources !== undefined &&
        !matchResources(binding.matchResources, attributes, false).matches
      )
        continue;
      for (const result of evaluateBinding(compiled, binding, attributes, options, kinds))
        results.push(result);
    }
  }
  return results;
}
