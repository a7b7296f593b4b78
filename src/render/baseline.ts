import { jsonText } from './json-text.ts';

/**
 * `--write-baseline`: the fingerprints of the findings accepted now, sorted, one per line, so that
 * the file changes only where findings come and go. `kubeward scan --baseline` reads it back.
 */
export function renderBaseline(fingerprints: readonly string[]): string {
  return jsonText({
    apiVersion: 'kubeward.io/v1alpha1',
    kind: 'Baseline',
    fingerprints: [...fingerprints].sort(),
  });
}
