import { gunzipSync } from 'node:zlib';

/** The findings a page of `-o html` carries, decoded as its script decodes them (see src/render/html/findings.ts). */
export interface PageFindings {
  readonly checks: readonly (readonly [id: string, title: string, remediation: string, docs: string])[];
  readonly objects: readonly (readonly [kind: string, namespace: string, name: string, file: string])[];
  /** Field paths, once each: a row's `field` is an index here. */
  readonly fields: readonly string[];
  readonly rows: readonly (readonly [
    check: number,
    severity: number,
    object: number,
    line: number,
    column: number,
    message: string,
    status: number,
    field: number,
  ])[];
  readonly themes: readonly number[];
}

/** Decodes the `findings-data` element of an HTML report. */
export function pageFindings(html: string): PageFindings {
  const match = /<script type="application\/octet-stream" id="findings-data">([^<]*)<\/script>/.exec(html);
  if (!match?.[1]) throw new Error('no findings-data in the page');
  return JSON.parse(gunzipSync(Buffer.from(match[1], 'base64')).toString('utf8')) as PageFindings;
}
