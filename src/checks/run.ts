import type { Finding, ObjectRef, Suppression } from '../model/finding.ts';
import { objectRef } from '../model/object-ref.ts';
import type { Inventory } from '../model/inventory.ts';
import { isRecord } from '../model/path.ts';
import type { FieldPath } from '../model/path.ts';
import type { Resource } from '../model/resource.ts';
import type { Settings } from '../model/settings.ts';
import type { Severity } from '../model/severity.ts';
import type {
  Check,
  CheckContext,
  CheckMeta,
  InventoryCheck,
  ResourceCheck,
  Violation,
  WorkloadCheck,
} from '../model/check.ts';

/** The annotation that suppresses checks on one object: `kubeward.io/ignore: "<id>[,<id>]"` (or `*`). */
const IGNORE_ANNOTATION = 'kubeward.io/ignore';
/** The reason recorded with an annotation suppression. */
const IGNORE_REASON_ANNOTATION = 'kubeward.io/ignore-reason';

/** What decides which checks run and how their findings count (from `.kubeward.yaml` and flags). */
export interface RunOptions {
  readonly settings: Settings;
  /** Check ids not to run. */
  readonly disabled: ReadonlySet<string>;
  /** Severity per check id, replacing the check's own. */
  readonly severities: ReadonlyMap<string, Severity>;
  /** Returns a reason when findings on this object are excluded by the config (namespace or path). */
  readonly excluded: (object: ObjectRef, resource: Resource | undefined) => string | undefined;
  /** When false, `kubeward.io/ignore` annotations are not honoured (audits). */
  readonly honourAnnotations: boolean;
  /** The reason of the config exception that exempts a finding at `now`, if one does (`exceptions:`). */
  readonly exempting?: (
    finding: Pick<Finding, 'checkId' | 'object' | 'resource' | 'path'>,
    now: Date,
  ) => string | undefined;
  /** Findings about the config itself at `now`: its expired exceptions. A scan adds them to its own. */
  readonly configFindings?: (now: Date) => readonly Finding[];
}

/** The enabled checks sorted by what they run on; built once per configuration, reusable across runs. */
export interface CheckPlan {
  /** Resource checks by the kind they apply to. */
  readonly byKind: ReadonlyMap<string, readonly ResourceCheck[]>;
  readonly workload: readonly WorkloadCheck[];
  readonly inventory: readonly InventoryCheck[];
  /** The checks with an `applies` predicate, asked once per run. */
  readonly conditional: readonly Check[];
}

/** Sorts the checks not disabled in `options` into a plan, keeping check order within each list. */
export function planChecks(checks: readonly Check[], options: Pick<RunOptions, 'disabled'>): CheckPlan {
  const byKind = new Map<string, ResourceCheck[]>();
  const workload: WorkloadCheck[] = [];
  const inventory: InventoryCheck[] = [];
  for (const check of checks) {
    if (options.disabled.has(check.id)) continue;
    if (check.target === 'workload') workload.push(check);
    else if (check.target === 'inventory') inventory.push(check);
    else
      for (const kind of check.kinds) {
        const list = byKind.get(kind);
        if (list) list.push(check);
        else byKind.set(kind, [check]);
      }
  }
  const conditional = checks.filter((check) => check.applies && !options.disabled.has(check.id));
  return { byKind, workload, inventory, conditional };
}

/**
 * Runs every enabled check against the inventory at time `now` and returns the findings in a stable
 * order (input order of objects, then check order). Suppressed findings are kept and marked, never dropped.
 */
export function runChecks(
  checks: readonly Check[],
  inventory: Inventory,
  options: RunOptions,
  now: Date,
): Finding[] {
  return runPlan(planChecks(checks, options), inventory, options, now);
}

/** `runChecks` with the checks already planned (a server evaluating many requests plans once). */
export function runPlan(planned: CheckPlan, inventory: Inventory, options: RunOptions, now: Date): Finding[] {
  const plan = applicablePlan(planned, inventory);
  const context: CheckContext = { inventory, settings: options.settings, now };
  const findings: Finding[] = [];
  const suppressed = suppressions(options, now);
  const emit = (
    check: CheckMeta,
    resource: Resource | undefined,
    object: ObjectRef,
    path: FieldPath,
    message: string,
    severity: Severity | undefined,
  ): void => {
    // A message made of parts is a tree of them in V8 until read whole: reading one character makes
    // it one string now, so the parts die young instead of being copied with each kept finding.
    message.charCodeAt(0);
    findings.push({
      checkId: check.id,
      severity: options.severities.get(check.id) ?? severity ?? check.severity,
      theme: check.theme,
      message,
      remediation: check.remediation,
      object,
      resource,
      path,
      suppressed: suppressed(check.id, resource, object, path),
    });
  };

  // One reference per object, shared by all its findings (inventory-wide checks' too).
  const refs = new Map<Resource, ObjectRef>();
  const refOf = (resource: Resource): ObjectRef => {
    let object = refs.get(resource);
    if (!object) refs.set(resource, (object = objectRef(inventory, resource)));
    return object;
  };
  const { workloads } = inventory;
  let next = 0;
  for (const resource of inventory.resources) {
    let object: ObjectRef | undefined;
    for (const check of plan.byKind.get(resource.kind) ?? NO_CHECKS) {
      const violations = check.run(resource, context);
      if (isNothing(violations)) continue;
      object ??= refOf(resource);
      for (const violation of violations)
        emit(check, resource, object, violation.path, violation.message, violation.severity);
    }
    const workload = workloads[next];
    if (workload?.resource !== resource) continue;
    next++;
    for (const check of plan.workload) {
      const violations = check.run(workload, context);
      if (isNothing(violations)) continue;
      object ??= refOf(resource);
      for (const violation of violations) {
        const path = workload.specPath.concat(violation.path);
        emit(check, resource, object, path, violation.message, violation.severity);
      }
    }
  }
  for (const check of plan.inventory) {
    for (const violation of check.run(context)) {
      const object = violation.resource ? refOf(violation.resource) : violation.object;
      if (!object) continue;
      emit(check, violation.resource, object, violation.path, violation.message, violation.severity);
    }
  }
  return findings;
}

/** The resource checks of a kind no check is about. */
const NO_CHECKS: readonly ResourceCheck[] = [];

/**
 * Whether a check's result is an empty list: most calls find nothing, and the loop then moves on
 * without asking the list for an iterator.
 */
function isNothing(violations: Iterable<Violation>): boolean {
  return Array.isArray(violations) && violations.length === 0;
}

const narrowed = new WeakMap<CheckPlan, Map<string, CheckPlan>>();

/**
 * The plan without the checks that do not apply to the inventory (the plan itself when all do).
 * Narrowed plans are kept per plan and set of skipped checks: a server asks the same few questions.
 */
function applicablePlan(plan: CheckPlan, inventory: Inventory): CheckPlan {
  const skipped = plan.conditional.filter((check) => check.applies?.(inventory) === false);
  if (skipped.length === 0) return plan;
  let plans = narrowed.get(plan);
  if (!plans) narrowed.set(plan, (plans = new Map<string, CheckPlan>()));
  const key = skipped.map((check) => check.id).join(',');
  let narrow = plans.get(key);
  if (!narrow) {
    const applies = (check: Check): boolean => !skipped.includes(check);
    narrow = {
      byKind: new Map([...plan.byKind].map(([kind, checks]) => [kind, checks.filter(applies)])),
      workload: plan.workload.filter(applies),
      inventory: plan.inventory.filter(applies),
      conditional: [],
    };
    plans.set(key, narrow);
  }
  return narrow;
}

/**
 * Why a finding is suppressed, if it is: the `kubeward.io/ignore` annotation of its object, the
 * config's exclusions, or an exception. What depends on the object only is worked out once for
 * each run of findings about the same object.
 */
function suppressions(
  options: RunOptions,
  now: Date,
): (
  checkId: string,
  resource: Resource | undefined,
  object: ObjectRef,
  path: FieldPath,
) => Suppression | undefined {
  let last: ObjectSuppression | undefined;
  return (checkId, resource, object, path) => {
    const about =
      last !== undefined && last.resource === resource && last.object === object
        ? last
        : (last = {
            resource,
            object,
            ignored: resource && options.honourAnnotations ? ignoreAnnotation(resource) : undefined,
            excluded: options.excluded(object, resource),
          });
    const { ignored } = about;
    if (ignored && (ignored.ids.includes(checkId) || ignored.ids.includes('*')))
      return { by: 'annotation', reason: ignored.reason };
    const reason = about.excluded ?? options.exempting?.({ checkId, resource, object, path }, now);
    return reason === undefined ? undefined : { by: 'config', reason };
  };
}

/** What suppresses findings about one object, whatever their check. */
interface ObjectSuppression {
  readonly resource: Resource | undefined;
  readonly object: ObjectRef;
  readonly ignored: IgnoreAnnotation | undefined;
  /** The reason the config excludes the object (its namespace or path), if it does. */
  readonly excluded: string | undefined;
}

/** The check ids an object's `kubeward.io/ignore` annotation names, and the reason it gives. */
interface IgnoreAnnotation {
  readonly ids: readonly string[];
  readonly reason: string;
}

function ignoreAnnotation(resource: Resource): IgnoreAnnotation | undefined {
  const annotations = isRecord(resource.object.metadata) ? resource.object.metadata.annotations : undefined;
  if (!isRecord(annotations) || typeof annotations[IGNORE_ANNOTATION] !== 'string') return undefined;
  const reason = annotations[IGNORE_REASON_ANNOTATION];
  return {
    ids: annotations[IGNORE_ANNOTATION].split(',').map((id) => id.trim()),
    reason: typeof reason === 'string' ? reason : '',
  };
}
