import { isRecord } from '../model/path.ts';
import type { FieldPath, Mapping } from '../model/path.ts';

/** The fields of `metadata` that are strings in ObjectMeta, read by kubeward to name an object. */
const STRING_FIELDS = ['name', 'generateName', 'namespace'] as const;
/** The fields of `metadata` that are maps of string to string in ObjectMeta. */
const STRING_MAPS = ['labels', 'annotations'] as const;

/** A field of an object's metadata whose type the API server would refuse, and why. */
export interface MetadataTypeError {
  /** The path of the field within the object. */
  readonly path: FieldPath;
  readonly message: string;
}

/**
 * The first field of `object.metadata` whose type ObjectMeta refuses: metadata that is not a mapping,
 * a name, generateName or namespace that is not a string, labels or annotations that are not a
 * mapping of strings. kubectl refuses such an object when it decodes it ("cannot unmarshal bool into
 * Go struct field ObjectMeta.metadata.namespace of type string"); the usual cause is a YAML 1.1
 * boolean or number left unquoted (`namespace: y`, `enabled: true`). A null is allowed, as an
 * absent field.
 */
export function metadataTypeError(object: Mapping): MetadataTypeError | undefined {
  const { metadata } = object;
  if (metadata === undefined || metadata === null) return undefined;
  if (!isRecord(metadata))
    return { path: ['metadata'], message: `metadata must be a mapping, not ${shapeOf(metadata)}` };
  for (const field of STRING_FIELDS) {
    const value = metadata[field];
    if (value !== undefined && value !== null && typeof value !== 'string')
      return {
        path: ['metadata', field],
        message: `metadata.${field} must be a string, not ${shapeOf(value)}${quoteHint(value)}`,
      };
  }
  for (const field of STRING_MAPS) {
    const map = metadata[field];
    if (map === undefined || map === null) continue;
    if (!isRecord(map))
      return {
        path: ['metadata', field],
        message: `metadata.${field} must be a mapping of strings, not ${shapeOf(map)}`,
      };
    for (const key of Object.keys(map)) {
      const value = map[key];
      if (value !== null && typeof value !== 'string')
        return {
          path: ['metadata', field, key],
          message: `metadata.${field}.${key} must be a string, not ${shapeOf(value)}${quoteHint(value)}`,
        };
    }
  }
  return undefined;
}

function shapeOf(value: unknown): string {
  if (Array.isArray(value)) return 'a sequence';
  if (isRecord(value)) return 'a mapping';
  return `the ${typeof value} ${String(value)}`;
}

function quoteHint(value: unknown): string {
  return typeof value === 'boolean' || typeof value === 'number' ? ': quote it' : '';
}
