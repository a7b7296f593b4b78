import type { FieldPath } from './path.ts';
import { isRecord } from './path.ts';

// The API server's rules for label keys, label values and label selectors:
// k8s.io/apimachinery/pkg/util/validation/validation.go (IsQualifiedName, IsValidLabelValue) and
// pkg/apis/meta/v1/validation/validation.go (ValidateLabelSelector).

const NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A label part the API server would reject, with its rule. */
export interface LabelProblem {
  readonly path: FieldPath;
  readonly message: string;
}

/** Why the API server would reject a label key (a qualified name: optional DNS-subdomain prefix, then a name). */
export function labelKeyErrors(key: string): string[] {
  const parts = key.split('/');
  if (parts.length > 2)
    return [
      `label key ${JSON.stringify(key)} is not a qualified name: at most one "/" (an optional DNS subdomain prefix, then a name)`,
    ];
  const [prefix, name] = parts.length === 2 ? [parts[0] ?? '', parts[1] ?? ''] : [undefined, key];
  const errors: string[] = [];
  if (prefix !== undefined) {
    if (prefix.length === 0) errors.push(`label key ${JSON.stringify(key)}: prefix part must be non-empty`);
    else if (prefix.length > 253)
      errors.push(`label key ${JSON.stringify(key)}: prefix part must be no more than 253 characters`);
    else if (!DNS_SUBDOMAIN.test(prefix))
      errors.push(
        `label key ${JSON.stringify(key)}: prefix part must be a lowercase RFC 1123 subdomain (regex [a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)`,
      );
  }
  if (name.length === 0) errors.push(`label key ${JSON.stringify(key)}: name part must be non-empty`);
  else if (name.length > 63)
    errors.push(`label key ${JSON.stringify(key)}: name part must be no more than 63 characters`);
  else if (!NAME_PART.test(name))
    errors.push(
      `label key ${JSON.stringify(key)}: name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (regex ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])`,
    );
  return errors;
}

/** Why the API server would reject a label value (empty, or up to 63 characters of the name alphabet). */
export function labelValueErrors(value: string): string[] {
  if (value.length > 63) return [`label value ${JSON.stringify(value)} must be no more than 63 characters`];
  if (!VALUE.test(value))
    return [
      `label value ${JSON.stringify(value)} must be empty or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (regex (([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?)`,
    ];
  return [];
}

/** Problems of a label map (`metadata.labels`, a `matchLabels`) at `path`; a non-string value is one too. */
export function labelMapProblems(labels: unknown, path: FieldPath): LabelProblem[] {
  if (labels === undefined || labels === null) return [];
  if (!isRecord(labels)) return [{ path, message: 'labels must be a map of strings' }];
  const problems: LabelProblem[] = [];
  for (const [key, value] of Object.entries(labels)) {
    for (const message of labelKeyErrors(key)) problems.push({ path: [...path, key], message });
    if (typeof value !== 'string')
      problems.push({
        path: [...path, key],
        message: `label ${JSON.stringify(key)} must have a string value`,
      });
    else for (const message of labelValueErrors(value)) problems.push({ path: [...path, key], message });
  }
  return problems;
}

const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/**
 * Fields of a label selector other than `matchLabels` and `matchExpressions` (metav1.LabelSelector):
 * `kubectl apply` refuses them under its default strict field validation, and where validation is off
 * the API server drops them, so the selector matches as if they were not written.
 */
export function unknownSelectorFields(selector: unknown, path: FieldPath): LabelProblem[] {
  if (!isRecord(selector)) return [];
  return Object.keys(selector)
    .filter((key) => key !== 'matchLabels' && key !== 'matchExpressions')
    .map((key) => ({
      path: [...path, key],
      message: `unknown field ${key} in a label selector: kubectl apply refuses it, and an API server that accepts it drops it, so this selector matches as if ${key} were not written`,
    }));
}

/** Problems of a metav1.LabelSelector at `path`: its matchLabels and each matchExpressions requirement. */
export function labelSelectorProblems(selector: unknown, path: FieldPath): LabelProblem[] {
  if (selector === undefined || selector === null) return [];
  if (!isRecord(selector)) return [{ path, message: 'a label selector must be a map' }];
  const problems = labelMapProblems(selector.matchLabels, [...path, 'matchLabels']);
  const expressions = selector.matchExpressions;
  if (expressions === undefined || expressions === null) return problems;
  if (!Array.isArray(expressions))
    return [...problems, { path: [...path, 'matchExpressions'], message: 'matchExpressions must be a list' }];
  expressions.forEach((requirement: unknown, index) => {
    const at = [...path, 'matchExpressions', index];
    if (!isRecord(requirement)) {
      problems.push({ path: at, message: 'a requirement must be a map with key, operator and values' });
      return;
    }
    const { key, operator } = requirement;
    if (typeof key !== 'string') problems.push({ path: [...at, 'key'], message: 'key must be a string' });
    else for (const message of labelKeyErrors(key)) problems.push({ path: [...at, 'key'], message });
    const values = Array.isArray(requirement.values) ? (requirement.values as unknown[]) : [];
    if (typeof operator !== 'string' || !OPERATORS.includes(operator))
      problems.push({
        path: [...at, 'operator'],
        message: `operator ${JSON.stringify(operator)} is not one of ${OPERATORS.join(', ')}`,
      });
    else if ((operator === 'In' || operator === 'NotIn') && values.length === 0)
      problems.push({
        path: [...at, 'values'],
        message: `values must be non-empty when operator is ${operator}`,
      });
    else if ((operator === 'Exists' || operator === 'DoesNotExist') && values.length > 0)
      problems.push({
        path: [...at, 'values'],
        message: `values must be empty when operator is ${operator}`,
      });
    values.forEach((value, i) => {
      if (typeof value !== 'string')
        problems.push({ path: [...at, 'values', i], message: 'values must be strings' });
      else
        for (const message of labelValueErrors(value)) problems.push({ path: [...at, 'values', i], message });
    });
  });
  return problems;
}
