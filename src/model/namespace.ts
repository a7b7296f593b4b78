import type { Labels } from './label-selector.ts';
import type { Resource } from './resource.ts';

/** The label every namespace carries with its own name (Kubernetes ≥ 1.21). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * A namespace as the cluster would have it: declared by a Namespace object, or implied because some
 * object lives in it. Labels include the implicit `kubernetes.io/metadata.name`.
 */
export interface NamespaceView {
  readonly name: string;
  readonly labels: Labels;
  /** The Namespace object, when the input declares it. */
  readonly resource: Resource | undefined;
}
