/**
 * A path to a field inside a Kubernetes object: map keys as strings, list indexes as numbers,
 * e.g. `['spec', 'containers', 0, 'securityContext', 'privileged']`.
 */
export type FieldPath = readonly (string | number)[];

/** Renders a path the way kubectl explain and PSA do: `spec.containers[0].image`. */
export function formatPath(path: FieldPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? segment : `.${segment}`;
  }
  return text;
}

/** Reads the value at `path`, or undefined when any step is missing or of the wrong shape. */
export function getAt(root: unknown, path: FieldPath): unknown {
  let node = root;
  for (const segment of path) {
    if (typeof segment === 'number') {
      if (!Array.isArray(node)) return undefined;
      node = node[segment];
    } else {
      if (!isRecord(node)) return undefined;
      node = node[segment];
    }
  }
  return node;
}

/** A plain mapping as produced by the YAML and JSON parsers. */
export type Mapping = Readonly<Record<string, unknown>>;

/** True for a mapping (not null, not an array). */
export function isRecord(value: unknown): value is Mapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
