import type { Check } from '../model/check.ts';
import { planChecks, runPlan } from '../checks/run.ts';
import type { CheckPlan, RunOptions } from '../checks/run.ts';
import { toResources } from '../load/objects.ts';
import { valueDocument } from '../load/parse.ts';
import type { ReadSource } from '../load/read.ts';
import type { Diagnostic } from '../model/diagnostic.ts';
import type { Finding } from '../model/finding.ts';
import { buildInventory } from '../model/inventory.ts';
import type { Inventory } from '../model/inventory.ts';
import type { ContainerField } from '../model/containers.ts';
import type { ImageReason } from '../images/policy/verdict.ts';
import type { ImageJudge } from '../registry/image-judge.ts';
import type { Mapping } from '../model/path.ts';
import type { Resource } from '../model/resource.ts';
import type { TestResult } from '../policy/result.ts';
import { runAdmissionSuite } from '../policy/vap/run-vap.ts';
import type { AdmissionSuite } from '../policy/vap/run-vap.ts';
import { atLeast } from '../model/severity.ts';
import type { Severity } from '../model/severity.ts';
import type { AdmissionRequest } from './review.ts';

/** The file name findings and diagnostics carry for an object under review. */
const ADMISSION_SOURCE = '<admission>';
/** The request names the object: a document without apiVersion or kind is an error, not a skip. */
const READ_SOURCE: ReadSource = { file: ADMISSION_SOURCE, text: '', format: 'json', named: true };

/** A kubesec-style score of one object and the least score admitted. */
export interface ScoreRule {
  readonly minimum: number;
  /** Pure scoring of one Kubernetes object (src/score); undefined when the kind is not scored. */
  readonly score: (object: Mapping) => number | undefined;
}

/** ValidatingAdmissionPolicies (and bindings) from `kubeward test` files, enforced by the webhook too. */
export interface AdmissionPolicies {
  readonly suite: AdmissionSuite;
  /** Objects the bindings' paramRefs are looked up in (the policy files' other objects). */
  readonly paramPool: readonly Resource[];
}

/** What one policy binding said about the object: `<policy>[/<binding>]` and its messages. */
export interface PolicyOutcome {
  readonly test: string;
  readonly message: string;
}

/** What the webhook enforces: the `kubeward scan` engine, its options, and where denial starts. */
export interface AdmissionPolicy {
  /** Checks to run; inventory-wide checks are skipped (one object is not a cluster). */
  readonly checks: readonly Check[];
  readonly run: RunOptions;
  /** Findings at or above this severity deny; milder ones become warnings. `none`: warn only (audit mode). */
  readonly denyOn: Severity | 'none';
  readonly score?: ScoreRule;
  readonly policies?: AdmissionPolicies;
  /** `deny`: refuse every CONNECT to pods/exec, pods/attach and pods/portforward. Absent: `allow`. */
  readonly connect?: 'allow' | 'deny';
  /** The image policy of `.kubeward.yaml` (`images.policy`), judging every container's image. */
  readonly images?: ImageJudge;
}

/** What the image policy said about one container's image. */
export interface ImageOutcome {
  /** The container's name ('' when it has none). */
  readonly container: string;
  readonly field: ContainerField;
  /** The `image` field in the object: `spec.template.spec.containers[0].image`. */
  readonly path: string;
  readonly image: string;
  readonly reason: ImageReason;
}

/**
 * The outcome for one request. `skipped` says why nothing was evaluated (DELETE, a subresource);
 * `invalid` says why the object could not be evaluated (it is then denied with code 400).
 */
export interface Verdict {
  readonly allowed: boolean;
  /** Findings that deny, in check order. */
  readonly violations: readonly Finding[];
  /** Findings below `denyOn`, returned as warnings. */
  readonly warnings: readonly Finding[];
  /** Policy bindings that failed (Deny action) or could not be evaluated: they deny. */
  readonly policyViolations: readonly PolicyOutcome[];
  /** Policy bindings with the Warn action that failed. */
  readonly policyWarnings: readonly PolicyOutcome[];
  /** Policy bindings with the Audit action that failed (recorded as an audit annotation). */
  readonly policyAudits: readonly PolicyOutcome[];
  /** Findings suppressed by the config. */
  readonly suppressed: number;
  readonly score: number | undefined;
  /** Set when the score is below the minimum. */
  readonly scoreViolation: string | undefined;
  readonly skipped: string | undefined;
  readonly invalid: string | undefined;
  /** Set when the policy refuses the operation itself (a CONNECT under `connect: deny`). */
  readonly refused?: string;
  /** Images the image policy denies, one outcome per container and reason. */
  readonly imageViolations?: readonly ImageOutcome[];
  /** Image reasons only warned about (`unevaluated` under failurePolicy Ignore). */
  readonly imageWarnings?: readonly ImageOutcome[];
}

const ALLOW: Verdict = {
  allowed: true,
  violations: [],
  warnings: [],
  policyViolations: [],
  policyWarnings: [],
  policyAudits: [],
  suppressed: 0,
  score: undefined,
  scoreViolation: undefined,
  skipped: undefined,
  invalid: undefined,
};

/** Pod subresources whose CONNECT the `connect` switch governs (kubectl exec, attach, port-forward). */
export const CONNECT_SUBRESOURCES: readonly string[] = ['exec', 'attach', 'portforward'];

/**
 * Subresources whose request carries the whole object as it will be stored, so it is evaluated like
 * the object itself: `pods/ephemeralcontainers` (kubectl debug) sends the Pod with its new ephemeral
 * containers.
 */
const EVALUATED_SUBRESOURCES: readonly string[] = ['pods/ephemeralcontainers'];

/**
 * Evaluates `request.object` the way `kubeward scan` evaluates a manifest: one-object inventory,
 * the same checks and options, the request's namespace as the default. CREATE and UPDATE of an object,
 * and UPDATE of `pods/ephemeralcontainers` (the pod as it will be), are evaluated; CONNECT to
 * pods/exec, attach and portforward is refused under `connect: deny`; DELETE, other CONNECTs and
 * other subresources (status, scale, binding, eviction...) are allowed unevaluated. Pure and
 * synchronous; never throws for bad input (a missing or unloadable object is an `invalid` verdict).
 */
export function evaluateRequest(request: AdmissionRequest, policy: AdmissionPolicy): Verdict {
  return evaluateWithInventory(request, policy).verdict;
}

/**
 * {@link evaluateRequest}, with the one-object inventory the object was evaluated in (undefined
 * when nothing was evaluated), for what is judged after it (the image policy).
 */
export function evaluateWithInventory(
  request: AdmissionRequest,
  policy: AdmissionPolicy,
): { readonly verdict: Verdict; readonly inventory: Inventory | undefined } {
  const verdict = (value: Verdict) => ({ verdict: value, inventory: undefined });
  const subresource = request.subResource ?? '';
  const target =
    subresource === '' ? request.resource.resource : `${request.resource.resource}/${subresource}`;
  if (request.operation === 'CONNECT')
    return verdict(
      policy.connect === 'deny' &&
        request.resource.resource === 'pods' &&
        CONNECT_SUBRESOURCES.includes(subresource)
        ? { ...ALLOW, allowed: false, refused: `CONNECT to ${target} is refused by policy (--connect deny)` }
        : { ...ALLOW, skipped: `CONNECT to ${target} is not evaluated` },
    );
  if (request.operation !== 'CREATE' && request.operation !== 'UPDATE')
    return verdict({ ...ALLOW, skipped: `operation ${request.operation} is not evaluated` });
  if (subresource !== '' && !EVALUATED_SUBRESOURCES.includes(target))
    return verdict({ ...ALLOW, skipped: `subresource ${subresource} is not evaluated` });
  const object = request.object;
  if (object === undefined || object === null)
    return verdict({
      ...ALLOW,
      allowed: false,
      invalid: `request.object is missing for ${request.operation}`,
    });
  if (subresource !== '' && object.kind !== 'Pod')
    return verdict({ ...ALLOW, allowed: false, invalid: `request.object of ${target} is not a Pod` });

  const loaded = loadObject(object);
  const defaultNamespace =
    request.namespace === undefined || request.namespace === '' ? 'default' : request.namespace;
  const inventory = buildInventory(loaded.resources, { defaultNamespace });
  const problem =
    loaded.diagnostics.find((d) => d.level === 'error') ??
    inventory.diagnostics.find((d) => d.level === 'error');
  if (problem) return verdict({ ...ALLOW, allowed: false, invalid: problem.message });

  const findings = runPlan(planOf(policy), inventory, policy.run, new Date());
  const counted = findings.filter((finding) => finding.suppressed === undefined);
  const denies = (finding: Finding): boolean =>
    policy.denyOn !== 'none' && atLeast(finding.severity, policy.denyOn);
  const violations = counted.filter(denies);
  const warnings = counted.filter((finding) => !denies(finding));
  const score = policy.score?.score(object);
  const scoreViolation =
    policy.score !== undefined && score !== undefined && score < policy.score.minimum
      ? `score ${String(score)} is below the minimum ${String(policy.score.minimum)}`
      : undefined;
  const results = policy.policies
    ? runPolicies(policy.policies, request, loaded.resources, defaultNamespace)
    : [];
  const outcomes = (wanted: (result: TestResult) => boolean): PolicyOutcome[] =>
    results.filter(wanted).map((result) => ({ test: result.test, message: result.messages.join('; ') }));
  const policyViolations = outcomes((result) => result.outcome === 'fail' || result.outcome === 'error');
  const evaluated: Verdict = {
    allowed: violations.length === 0 && scoreViolation === undefined && policyViolations.length === 0,
    violations,
    warnings,
    policyViolations,
    policyWarnings: outcomes((result) => result.outcome === 'warn'),
    policyAudits: outcomes((result) => result.outcome === 'audit'),
    suppressed: findings.length - counted.length,
    score,
    scoreViolation,
    skipped: undefined,
    invalid: undefined,
  };
  return { verdict: evaluated, inventory };
}

const plans = new WeakMap<AdmissionPolicy, CheckPlan>();

/** The policy's checks planned once: inventory-wide checks are left out (one object is not a cluster). */
function planOf(policy: AdmissionPolicy): CheckPlan {
  let plan = plans.get(policy);
  if (!plan) {
    const checks = policy.checks.filter((check) => check.target !== 'inventory');
    plans.set(policy, (plan = planChecks(checks, policy.run)));
  }
  return plan;
}

/** An admission request's object as a resource, taken as it is: the request body was parsed already. */
function loadObject(object: Readonly<Record<string, unknown>>): {
  resources: Resource[];
  diagnostics: Diagnostic[];
} {
  return toResources(READ_SOURCE, [valueDocument(ADMISSION_SOURCE, object)]);
}

function runPolicies(
  policies: AdmissionPolicies,
  request: AdmissionRequest,
  subjects: readonly Resource[],
  defaultNamespace: string,
): TestResult[] {
  const old =
    request.oldObject === undefined || request.oldObject === null
      ? []
      : loadObject(request.oldObject).resources;
  const user = request.userInfo;
  return runAdmissionSuite(policies.suite, subjects, {
    operation: request.operation,
    oldObjects: old,
    paramPool: policies.paramPool,
    defaultNamespace,
    userInfo: {
      username: user?.username ?? '',
      uid: typeof user?.uid === 'string' ? user.uid : '',
      groups: Array.isArray(user?.groups) ? user.groups.filter((group) => typeof group === 'string') : [],
    },
  });
}
