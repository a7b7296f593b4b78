// ValidatingAdmissionPolicy evaluation semantics (kubernetes/api admissionregistration/v1 types.go;
// kubernetes/apiserver pkg/admission/plugin/policy/validating/{validator,dispatcher}.go and
// pkg/admission/plugin/cel/compile.go). Each rule has a passing and a failing case.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadSources } from '../../load/load.ts';
import type { Resource } from '../../model/resource.ts';
import type { TestResult } from '../result.ts';
import { compilePolicy } from './compiled.ts';
import { evaluatePolicy } from './evaluate.ts';
import { kindTable } from './kinds.ts';
import { readAdmissionPolicy } from './read-policy.ts';
import { OFFLINE_USER, admissionAttributes, namespaceObjects } from './request.ts';
import type { Operation } from './request.ts';
import { admissionSuite, runAdmissionSuite } from './run-vap.ts';

function resourcesOf(text: string, file = 'in.yaml'): readonly Resource[] {
  return loadSources([{ file, text, format: 'yaml', named: true }]).resources;
}

const DEPLOYMENTS = `
apiVersion: v1
kind: Namespace
metadata: {name: prod, labels: {env: prod}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: small, namespace: prod, labels: {team: a}}
spec: {replicas: 2}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: big, namespace: prod}
spec: {replicas: 9}
`;

function policy(spec: string, name = 'p'): string {
  const body = spec
    .trim()
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
  return `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: ${name}}
spec:
  matchConstraints:
    resourceRules: [{apiGroups: [apps], apiVersions: [v1], operations: [CREATE, UPDATE], resources: [deployments]}]
${body}
`;
}

function binding(spec: string, name = 'b', policyName = 'p'): string {
  return `---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: ${name}}
spec:
  policyName: ${policyName}
${spec
  .trim()
  .split('\n')
  .map((line) => `  ${line}`)
  .join('\n')}
`;
}

function run(
  policies: string,
  manifests = DEPLOYMENTS,
  operation: Operation = 'CREATE',
  old = '',
): readonly TestResult[] {
  const policyResources = resourcesOf(policies, 'policy.yaml');
  const subjects = resourcesOf(manifests);
  const suite = admissionSuite(policyResources);
  assert.deepEqual(suite.problems, []);
  return runAdmissionSuite(suite, subjects, {
    operation,
    oldObjects: old === '' ? [] : resourcesOf(old, 'old.yaml'),
    paramPool: [...policyResources, ...subjects],
    defaultNamespace: 'default',
  });
}

const outcomes = (results: readonly TestResult[]): Record<string, string> =>
  Object.fromEntries(results.map((result) => [`${result.test} ${result.subject.name}`, result.outcome]));

const messagesOf = (results: readonly TestResult[], name: string): readonly string[] =>
  results.find((result) => result.subject.name === name)?.messages ?? [];

describe('validations', () => {
  it('integers are ints: replicas + 1 <= 5 passes for 2 and fails for 9', () => {
    const results = run(
      policy('validations: [{expression: "object.spec.replicas + 1 <= 5", message: too many replicas}]'),
    );
    assert.deepEqual(outcomes(results), { 'p small': 'pass', 'p big': 'fail' });
    assert.deepEqual(messagesOf(results, 'big'), [
      "ValidatingAdmissionPolicy 'p' denied request: too many replicas",
    ]);
  });
  it('without a message the text is "failed expression: <expression>"', () => {
    const results = run(policy('validations: [{expression: "object.spec.replicas < 5"}]'));
    assert.deepEqual(messagesOf(results, 'big'), [
      "ValidatingAdmissionPolicy 'p' denied request: failed expression: object.spec.replicas < 5",
    ]);
  });
  it('messageExpression wins over message', () => {
    const results = run(
      policy(
        `validations: [{expression: "object.spec.replicas < 5", message: static, messageExpression: "'replicas is ' + string(object.spec.replicas)"}]`,
      ),
    );
    assert.deepEqual(messagesOf(results, 'big'), [
      "ValidatingAdmissionPolicy 'p' denied request: replicas is 9",
    ]);
  });
  it('an empty, multi-line or failing messageExpression falls back to message', () => {
    for (const messageExpression of ["'  '", "'a\\\\nb'", 'object.missing.field']) {
      const results = run(
        policy(
          `validations: [{expression: "object.spec.replicas < 5", message: static, messageExpression: "${messageExpression}"}]`,
        ),
      );
      assert.deepEqual(
        messagesOf(results, 'big'),
        ["ValidatingAdmissionPolicy 'p' denied request: static"],
        messageExpression,
      );
    }
  });
  it('reason sets the denial status (Forbidden = 403, default Invalid = 422)', () => {
    const resources = resourcesOf(
      policy('validations: [{expression: "false", reason: Forbidden}, {expression: "false"}]'),
    );
    const read = readAdmissionPolicy(resources[0] as Resource);
    assert.ok(read.ok);
    const subjects = resourcesOf(DEPLOYMENTS);
    const attributes = admissionAttributes(subjects[1] as Resource, 'CREATE', undefined, {
      kinds: kindTable(subjects),
      namespaces: namespaceObjects(subjects),
      defaultNamespace: 'default',
      userInfo: OFFLINE_USER,
    });
    const deny = {
      name: 'b',
      declared: true,
      resource: undefined,
      policyName: 'p',
      paramRef: undefined,
      matchResources: undefined,
      validationActions: ['Deny'],
    } as const;
    const evaluation = evaluatePolicy(compilePolicy(read.value), deny, attributes, null);
    assert.equal(evaluation.status, 403);
    assert.deepEqual(
      evaluation.failures.map((failure) => failure.expressionIndex),
      [0, 1],
    );
    const second = readAdmissionPolicy(
      resourcesOf(policy('validations: [{expression: "false"}]'))[0] as Resource,
    );
    assert.ok(second.ok);
    assert.equal(evaluatePolicy(compilePolicy(second.value), deny, attributes, null).status, 422);
  });
  it('a non-bool result is an error', () => {
    const results = run(policy('validations: [{expression: "object.spec.replicas"}]'));
    assert.equal(results[0]?.outcome, 'error');
    assert.match(results[0]?.messages[0] ?? '', /did not evaluate to a bool/);
  });
});

describe('failurePolicy', () => {
  const failing = 'validations: [{expression: "object.spec.missing.field == 1"}]';
  it('Fail (the default): a runtime error denies through the binding actions', () => {
    const results = run(policy(failing));
    assert.equal(results[0]?.outcome, 'error');
    assert.match(
      results[0]?.messages[0] ?? '',
      /^ValidatingAdmissionPolicy 'p' denied request: expression 'object.spec.missing.field == 1' resulted in error: /,
    );
  });
  it('Ignore: the error is ignored and the request passes', () => {
    const results = run(policy(`failurePolicy: Ignore\n${failing}`));
    assert.equal(results[0]?.outcome, 'pass');
    assert.match(results[0]?.messages[0] ?? '', /failurePolicy Ignore/);
  });
  it('a compile error is an error too (Fail), and ignored with Ignore', () => {
    assert.equal(run(policy('validations: [{expression: "1 +"}]'))[0]?.outcome, 'error');
    assert.equal(
      run(policy('failurePolicy: Ignore\nvalidations: [{expression: "1 +"}]'))[0]?.outcome,
      'pass',
    );
  });
  it('false is not an error: failurePolicy Ignore still denies', () => {
    assert.equal(
      run(policy('failurePolicy: Ignore\nvalidations: [{expression: "false"}]'))[0]?.outcome,
      'fail',
    );
  });
});

describe('matchConditions', () => {
  it('a false condition skips the request; all true evaluates', () => {
    const results = run(
      policy(`matchConditions: [{name: only-big, expression: "object.spec.replicas > 5"}]
validations: [{expression: "false"}]`),
    );
    assert.deepEqual(outcomes(results), { 'p small': 'skip', 'p big': 'fail' });
    assert.deepEqual(messagesOf(results, 'small'), ["matchCondition 'only-big' is false"]);
  });
  it('an error with no false condition follows failurePolicy: Fail denies, Ignore skips', () => {
    const conditions =
      'matchConditions: [{name: broken, expression: "object.nope.x"}]\nvalidations: [{expression: "true"}]';
    assert.equal(run(policy(conditions))[0]?.outcome, 'error');
    assert.equal(run(policy(`failurePolicy: Ignore\n${conditions}`))[0]?.outcome, 'skip');
  });
  it('a false condition wins over an erroring one', () => {
    const conditions =
      'matchConditions: [{name: broken, expression: "object.nope.x"}, {name: never, expression: "false"}]\nvalidations: [{expression: "false"}]';
    assert.equal(run(policy(conditions))[0]?.outcome, 'skip');
  });
});

describe('variables', () => {
  it('are visible as variables.<name> and may use earlier variables', () => {
    const results = run(
      policy(`variables:
- {name: replicas, expression: "object.spec.replicas"}
- {name: tooMany, expression: "variables.replicas > 5"}
validations: [{expression: "!variables.tooMany"}]`),
    );
    assert.deepEqual(outcomes(results), { 'p small': 'pass', 'p big': 'fail' });
  });
  it('are lazy: an erroring variable that no expression uses does not matter', () => {
    const results = run(
      policy(`variables: [{name: broken, expression: "object.nope.x"}]
validations: [{expression: "true"}]`),
    );
    assert.equal(results[0]?.outcome, 'pass');
  });
  it('an erroring variable that is used makes the validation an error', () => {
    const results = run(
      policy(`variables: [{name: broken, expression: "object.nope.x"}]
validations: [{expression: "variables.broken == 1"}]`),
    );
    assert.equal(results[0]?.outcome, 'error');
    assert.match(results[0]?.messages[0] ?? '', /variable 'broken' evaluation failed/);
  });
  it('may not refer to a later variable', () => {
    const results = run(
      policy(`variables:
- {name: first, expression: "variables.second"}
- {name: second, expression: "1"}
validations: [{expression: "variables.first == 1"}]`),
    );
    assert.equal(results[0]?.outcome, 'error');
  });
});

describe('validationActions', () => {
  const validations = 'validations: [{expression: "object.spec.replicas <= 5", message: too many}]';
  it('Deny: the request is denied with the binding named', () => {
    const results = run(policy(validations) + binding('validationActions: [Deny]'));
    assert.deepEqual(messagesOf(results, 'big'), [
      "ValidatingAdmissionPolicy 'p' with binding 'b' denied request: too many",
    ]);
    assert.equal(results.find((result) => result.subject.name === 'small')?.outcome, 'pass');
  });
  it('Warn: a warning, not a denial', () => {
    const results = run(policy(validations) + binding('validationActions: [Warn]'));
    assert.equal(results.find((result) => result.subject.name === 'big')?.outcome, 'warn');
    assert.deepEqual(messagesOf(results, 'big'), [
      "Validation failed for ValidatingAdmissionPolicy 'p' with binding 'b': too many",
    ]);
  });
  it('Audit: an audit annotation, not a denial', () => {
    const results = run(policy(validations) + binding('validationActions: [Audit]'));
    assert.equal(results.find((result) => result.subject.name === 'big')?.outcome, 'audit');
  });
  it('Deny together with Warn is refused', () => {
    const suite = admissionSuite(
      resourcesOf(policy(validations) + binding('validationActions: [Deny, Warn]')),
    );
    assert.match(suite.problems[0]?.message ?? '', /may not contain both Deny and Warn/);
  });
  it('a binding whose policy is missing is ignored', () => {
    const suite = admissionSuite(
      resourcesOf(policy(validations) + binding('validationActions: [Deny]', 'b', 'other')),
    );
    assert.match(suite.problems[0]?.message ?? '', /policy other not found; the binding is ignored/);
    assert.deepEqual(
      suite.bindings.map((item) => item.declared),
      [false],
    );
  });
  it('a binding matchResources narrows the policy (intersection)', () => {
    const narrowed = binding(`validationActions: [Deny]
matchResources: {objectSelector: {matchLabels: {team: a}}}`);
    const results = run(policy(validations) + narrowed);
    assert.deepEqual(outcomes(results), { 'p/b small': 'pass' });
  });
});

describe('auditAnnotations', () => {
  it('are emitted as <policy>/<key>; null or "" values are omitted; Audit failures are recorded', () => {
    const resources = resourcesOf(
      policy(`validations: [{expression: "object.spec.replicas <= 5", message: too many}]
auditAnnotations:
- {key: replicas, valueExpression: "string(object.spec.replicas)"}
- {key: empty, valueExpression: "''"}
- {key: none, valueExpression: "null"}`),
    );
    const read = readAdmissionPolicy(resources[0] as Resource);
    assert.ok(read.ok);
    const subjects = resourcesOf(DEPLOYMENTS);
    const attributes = admissionAttributes(subjects[2] as Resource, 'CREATE', undefined, {
      kinds: kindTable(subjects),
      namespaces: namespaceObjects(subjects),
      defaultNamespace: 'default',
      userInfo: OFFLINE_USER,
    });
    const audit = {
      name: 'b',
      declared: true,
      resource: undefined,
      policyName: 'p',
      paramRef: undefined,
      matchResources: undefined,
      validationActions: ['Audit'],
    } as const;
    const evaluation = evaluatePolicy(compilePolicy(read.value), audit, attributes, null);
    assert.equal(evaluation.auditAnnotations['p/replicas'], '9');
    assert.equal('p/empty' in evaluation.auditAnnotations, false);
    assert.equal('p/none' in evaluation.auditAnnotations, false);
    assert.deepEqual(
      JSON.parse(
        evaluation.auditAnnotations['validation.policy.admission.k8s.io/validation_failure'] ?? '[]',
      ),
      [{ message: 'too many', policy: 'p', binding: 'b', expressionIndex: 0, validationActions: ['Audit'] }],
    );
  });
});

describe('params (paramKind + paramRef, taken from the manifests)', () => {
  const withParams = policy(`paramKind: {apiVersion: v1, kind: ConfigMap}
validations: [{expression: "object.spec.replicas <= int(params.data.max)", messageExpression: "'at most ' + params.data.max"}]`);
  const limits = `
---
apiVersion: v1
kind: ConfigMap
metadata: {name: limits, namespace: prod, labels: {kind: limit}}
data: {max: "5"}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: strict, namespace: prod, labels: {kind: limit}}
data: {max: "1"}
`;
  it('paramRef.name in the request namespace (namespace unset)', () => {
    const results = run(
      withParams +
        binding('validationActions: [Deny]\nparamRef: {name: limits, parameterNotFoundAction: Deny}'),
      DEPLOYMENTS + limits,
    );
    assert.deepEqual(outcomes(results), { 'p/b small': 'pass', 'p/b big': 'fail' });
    assert.deepEqual(messagesOf(results, 'big'), [
      "ValidatingAdmissionPolicy 'p' with binding 'b' denied request: at most 5",
    ]);
  });
  it('a selector fans out: every selected param is its own evaluation', () => {
    const results = run(
      withParams +
        binding(
          'validationActions: [Deny]\nparamRef: {selector: {matchLabels: {kind: limit}}, parameterNotFoundAction: Deny}',
        ),
      DEPLOYMENTS + limits,
    );
    assert.deepEqual(outcomes(results), {
      'p/b[ConfigMap/prod/limits] small': 'pass',
      'p/b[ConfigMap/prod/strict] small': 'fail',
      'p/b[ConfigMap/prod/limits] big': 'fail',
      'p/b[ConfigMap/prod/strict] big': 'fail',
    });
  });
  it('not found with Deny is a configuration error; with Allow the request passes', () => {
    const denied = run(
      withParams +
        binding('validationActions: [Deny]\nparamRef: {name: missing, parameterNotFoundAction: Deny}'),
    );
    assert.equal(denied[0]?.outcome, 'error');
    assert.match(
      denied[0]?.messages[0] ?? '',
      /no params found for policy binding with `Deny` parameterNotFoundAction/,
    );
    const allowed = run(
      withParams +
        binding('validationActions: [Deny]\nparamRef: {name: missing, parameterNotFoundAction: Allow}'),
    );
    assert.equal(allowed[0]?.outcome, 'pass');
  });
  it('an explicit namespace is used instead of the request namespace', () => {
    const elsewhere = limits.replaceAll('namespace: prod', 'namespace: policy');
    const results = run(
      withParams +
        binding(
          'validationActions: [Deny]\nparamRef: {name: limits, namespace: policy, parameterNotFoundAction: Deny}',
        ),
      DEPLOYMENTS + elsewhere,
    );
    assert.deepEqual(outcomes(results), { 'p/b small': 'pass', 'p/b big': 'fail' });
    const wrong = run(
      withParams +
        binding('validationActions: [Deny]\nparamRef: {name: limits, parameterNotFoundAction: Deny}'),
      DEPLOYMENTS + elsewhere,
    );
    assert.equal(wrong[0]?.outcome, 'error');
  });
  it('without a paramRef, params is null', () => {
    const results = run(
      policy('paramKind: {apiVersion: v1, kind: ConfigMap}\nvalidations: [{expression: "params == null"}]'),
    );
    assert.deepEqual(outcomes(results), { 'p small': 'pass', 'p big': 'pass' });
  });
});

describe('operations and oldObject', () => {
  const immutable = policy(
    'validations: [{expression: "oldObject == null || object.spec.replicas == oldObject.spec.replicas", message: replicas are immutable}]',
  );
  it('CREATE: oldObject is null', () => {
    assert.deepEqual(outcomes(run(immutable)), { 'p small': 'pass', 'p big': 'pass' });
  });
  it('UPDATE: oldObject comes from the old manifests', () => {
    const old =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: big, namespace: prod}\nspec: {replicas: 3}\n';
    assert.deepEqual(outcomes(run(immutable, DEPLOYMENTS, 'UPDATE', old)), {
      'p small': 'pass',
      'p big': 'fail',
    });
  });
  it('DELETE: object is null and oldObject is the manifest; a CREATE-only policy does not match', () => {
    const onDelete = policy(
      'validations: [{expression: "object == null && oldObject.metadata.name == \'small\'"}]',
    ).replace('operations: [CREATE, UPDATE]', 'operations: [DELETE]');
    assert.deepEqual(outcomes(run(onDelete, DEPLOYMENTS, 'DELETE')), { 'p small': 'pass', 'p big': 'fail' });
    assert.deepEqual(outcomes(run(onDelete, DEPLOYMENTS, 'CREATE')), {});
  });
  it('request carries the operation, kind and namespace', () => {
    const results = run(
      policy(
        `validations: [{expression: "request.operation == 'CREATE' && request.kind.kind == 'Deployment' && request.resource.resource == 'deployments' && request.namespace == 'prod' && namespaceObject.metadata.labels.env == 'prod'"}]`,
      ),
    );
    assert.deepEqual(outcomes(results), { 'p small': 'pass', 'p big': 'pass' });
  });
});

describe('cost limits', () => {
  it('a hostile policy stops with a cost-limit error within a second', () => {
    const ten = '[0,1,2,3,4,5,6,7,8,9]';
    const hostile = `${ten}.all(a, ${ten}.all(b, ${ten}.all(c, ${ten}.all(d, ${ten}.all(e, ${ten}.all(f, ${ten}.all(g, ${ten}.all(h, a + h >= 0))))))))`;
    const start = process.cpuUsage();
    const results = run(
      policy(`validations: [{expression: "${hostile}"}]`),
      DEPLOYMENTS.split('---').slice(0, 3).join('---'),
    );
    const used = process.cpuUsage(start);
    assert.ok((used.user + used.system) / 1000 < 1000, 'CPU time over a second');
    assert.equal(results[0]?.outcome, 'error');
    assert.match(results[0]?.messages[0] ?? '', /cost limit exceeded|time limit of 500 ms exceeded/);
  });
});

describe('policy validation', () => {
  it('matchConstraints.resourceRules is required', () => {
    const suite = admissionSuite(
      resourcesOf(
        'apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\nmetadata: {name: p}\nspec: {validations: [{expression: "true"}]}\n',
      ),
    );
    assert.match(suite.problems[0]?.message ?? '', /resourceRules is required/);
    assert.equal(suite.policies.length, 0);
  });
});
