import { isRecord } from './path.ts';

/** Labels of an object: string keys to string values. */
export type Labels = Readonly<Record<string, string>>;

/** Reads `metadata.labels` (or any label map), keeping only string values. */
export function labelsOf(value: unknown): Labels {
  if (!isRecord(value)) return {};
  const labels: Record<string, string> = {};
  for (const key of Object.keys(value)) {
    const label = value[key];
    if (typeof label === 'string') labels[key] = label;
  }
  return labels;
}

/**
 * Whether a metav1.LabelSelector selects `labels`, as `metav1.LabelSelectorAsSelector` defines it:
 * an empty selector (`{}`) selects everything; matchLabels and every matchExpressions requirement
 * must all hold (AND). `In` needs the key present with a listed value, `NotIn` holds when the key is
 * absent or its value unlisted, `Exists` / `DoesNotExist` test presence only.
 * An invalid selector (unknown operator, In/NotIn without values) selects nothing, as the API server
 * would refuse it.
 * A null/undefined selector is not handled here: its meaning depends on the field (callers decide).
 */
export function selectorMatches(selector: unknown, labels: Labels): boolean {
  if (!isRecord(selector)) return false;
  const { matchLabels, matchExpressions } = selector;
  if (matchLabels !== undefined && matchLabels !== null) {
    if (!isRecord(matchLabels)) return false;
    for (const key of Object.keys(matchLabels)) if (labels[key] !== matchLabels[key]) return false;
  }
  if (matchExpressions !== undefined && matchExpressions !== null) {
    if (!Array.isArray(matchExpressions)) return false;
    for (const requirement of matchExpressions) if (!requirementMatches(requirement, labels)) return false;
  }
  return true;
}

function requirementMatches(requirement: unknown, labels: Labels): boolean {
  if (!isRecord(requirement) || typeof requirement.key !== 'string') return false;
  const { key, operator } = requirement;
  const values = Array.isArray(requirement.values)
    ? requirement.values.filter((v) => typeof v === 'string')
    : [];
  const value = Object.prototype.hasOwnProperty.call(labels, key) ? labels[key] : undefined;
  switch (operator) {
    case 'In':
      return values.length > 0 && value !== undefined && values.includes(value);
    case 'NotIn':
      return values.length > 0 && (value === undefined || !values.includes(value));
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    default:
      return false;
  }
}

/**
 * Whether a plain `map[string]string` selector (Service `spec.selector`, ReplicationController)
 * selects `labels`. An empty map selects everything here; Services treat an empty selector as
 * "no selector" themselves, so callers check for that first.
 */
export function mapSelectorMatches(selector: Labels, labels: Labels): boolean {
  for (const key of Object.keys(selector)) if (labels[key] !== selector[key]) return false;
  return true;
}
