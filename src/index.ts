/** The kubeward library API. */
export type {
  Check,
  CheckContext,
  CheckMeta,
  InventoryCheck,
  ResourceCheck,
  Violation,
  WorkloadCheck,
} from './checks/check.ts';
export { CHECKS } from './checks/registry.ts';
export { runChecks } from './checks/run.ts';
export type { RunOptions } from './checks/run.ts';
export { load, loadSources } from './load/load.ts';
export { buildInventory } from './model/inventory.ts';
export type { Inventory } from './model/inventory.ts';
export type { Finding, ObjectRef } from './model/finding.ts';
export type { Resource } from './model/resource.ts';
export type { Workload } from './model/workload.ts';
export { containersOf } from './model/containers.ts';
export { KubewardError } from './model/errors.ts';
export * from './pss/index.ts';
