import type { Inventory } from './inventory.ts';
import type { FieldPath } from './path.ts';
import type { ObjectRef } from './finding.ts';
import type { Resource } from './resource.ts';
import type { Settings } from './settings.ts';
import type { Severity } from './severity.ts';
import type { Theme } from './theme.ts';
import type { Workload } from './workload.ts';

/** A problem a check reports: where (relative to what the check was given) and what, in one sentence. */
export interface Violation {
  readonly path: FieldPath;
  readonly message: string;
  /**
   * This violation's severity when it differs from the check's: what a control-plane static pod
   * needs to run (kubeadm's hostPath mounts) is `info`. A severity set in the configuration wins.
   */
  readonly severity?: Severity;
}

/** What a check returns when it finds nothing: one empty list, shared, so no call allocates one. */
export const NO_VIOLATIONS: readonly Violation[] = Object.freeze([]);

/** A violation from an inventory-wide check, which must say which object it is about. */
export interface InventoryViolation extends Violation {
  /** The object the finding belongs to; `path` is relative to it. */
  readonly resource: Resource | undefined;
  /** Required when `resource` is undefined (an implied namespace, say). */
  readonly object?: ObjectRef;
}

/** What every check may read besides its subject. */
export interface CheckContext {
  readonly inventory: Inventory;
  readonly settings: Settings;
  /** The time the check runs at (certificate expiry): the real clock in a scan, a fixed one in tests. */
  readonly now: Date;
}

/** The metadata every check declares; docs and SARIF rules are generated from it. */
export interface CheckMeta {
  /** Stable kebab-case id; also the file name of the check and of its docs page. */
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly theme: Theme;
  /** What is checked and why it matters, in a few sentences. */
  readonly description: string;
  /** How to fix it. */
  readonly remediation: string;
  /** Upstream ids and documents: PSS control, CIS id, kubesec rule, peers' check ids, URLs. */
  readonly references: readonly string[];
  /** CIS Kubernetes Benchmark recommendations this check implements, by id (`1.2.1`). */
  readonly cis?: readonly string[];
  /** NSA/CISA Kubernetes Hardening Guidance sections this check implements (`src/model/frameworks/nsa.ts`). */
  readonly nsa?: readonly string[];
  /** MITRE ATT&CK Containers techniques this check guards against, by id (`T1611`). */
  readonly mitre?: readonly string[];
  /** Pod Security Standards controls this check implements (`src/model/frameworks/pss.ts`). */
  readonly pss?: readonly string[];
  /** What the check reads when that is not Kubernetes objects (a node's PEM files), for the docs. */
  readonly reads?: string;
}

/** When a check has something to look at. */
export interface Applicability {
  /**
   * Whether the input holds anything this check is about (a control-plane check on plain
   * manifests, a mesh check on an input without a mesh, has nothing to look at). A check that does
   * not apply is not run, and the scorecard counts a theme as checked only through checks that
   * applied. Absent means always.
   */
  readonly applies?: (inventory: Inventory) => boolean;
  /**
   * Whether the check runs at all under these settings (a PSS restricted check held to level
   * baseline does not). A framework scorecard counts a control as checked only through checks in
   * force. Absent means always.
   */
  readonly inForce?: (settings: Settings) => boolean;
}

/** A check on the pod template of every workload; violation paths are relative to the pod spec. */
export interface WorkloadCheck extends CheckMeta, Applicability {
  readonly target: 'workload';
  run(workload: Workload, context: CheckContext): Iterable<Violation>;
}

/** A check on every resource of the listed kinds; violation paths are relative to the object. */
export interface ResourceCheck extends CheckMeta, Applicability {
  readonly target: 'resource';
  readonly kinds: readonly string[];
  run(resource: Resource, context: CheckContext): Iterable<Violation>;
}

/** A check that looks across objects (a namespace and its policies); runs once per scan. */
export interface InventoryCheck extends CheckMeta, Applicability {
  readonly target: 'inventory';
  run(context: CheckContext): Iterable<InventoryViolation>;
}

/** Any check. */
export type Check = WorkloadCheck | ResourceCheck | InventoryCheck;
