import type { ContainerRef } from '../../model/containers.ts';
import type { FieldPath, Mapping } from '../../model/path.ts';
import type { SubjectRef } from '../result.ts';
import type { Assertions } from './assertions.ts';

/**
 * What a test function receives for each resource: the object (as `spec`, kubetest's name for the
 * document, and as `object`), where it came from, typed accessors, and the assertion helpers.
 * Test modules import this type only (`import type`), so they need nothing from kubeward at run time.
 */
export interface TestContext extends Assertions {
  /** The parsed document, as kubetest's `spec` global. */
  readonly spec: Mapping;
  /** The same object. */
  readonly object: Mapping;
  readonly apiVersion: string;
  readonly kind: string;
  readonly resource: SubjectRef;
  /** The value at a path (`get('spec', 'template', 'metadata', 'labels')`), undefined when absent. */
  readonly get: (...path: FieldPath) => unknown;
  /** The pod spec of a workload (Pod, Deployment, CronJob, …), undefined for other kinds. */
  readonly podSpec: Mapping | undefined;
  /** Every init, regular and ephemeral container of the pod spec (none for other kinds). */
  readonly containers: readonly ContainerRef[];
}

/** A test: called once per resource; failures are reported through the assertion helpers. */
export type PolicyTest = (context: TestContext) => void | Promise<void>;
