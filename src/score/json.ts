import type { KubesecReport } from './report.ts';

/**
 * kubesec's JSON output byte for byte: Go's `MarshalIndent` with two spaces, a trailing newline, and
 * `<`, `>`, `&`, U+2028 and U+2029 escaped as Go escapes them. Key order is the interfaces' order.
 * Beyond Go, DEL, C1 controls and bidi overrides, which no valid object holds, are `\u` escapes
 * too, so that no value can steer the terminal the report is printed to.
 */
export function renderKubesecJson(reports: readonly KubesecReport[]): string {
  return `${goEscape(JSON.stringify(reports, null, 2))}\n`;
}

function goEscape(json: string): string {
  return json.replace(
    /[<>&\u2028\u2029\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
