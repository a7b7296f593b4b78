import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import AjvDraft04 from 'ajv-draft-04';

const require = createRequire(import.meta.url);

/** The SARIF 2.1.0 JSON schema (OASIS errata 01, as @microsoft/jest-sarif ships it). */
const schema = JSON.parse(
  readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
) as object;

/** Characters RFC 3986 allows in a URI reference, with `%` only as the start of a percent-encoding. */
const URI_CHARACTERS = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/;
/** An RFC 3986 scheme: what makes a URI absolute. */
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;

const ajv = new AjvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
// The schema's `format: uri` (helpUri, $schema) wants an absolute URI; `uri-reference` (artifact
// URIs) a relative or absolute one. Ajv ignores formats it does not know, so they are declared here.
ajv.addFormat('uri', (value: string) => SCHEME.test(value) && URI_CHARACTERS.test(value));
ajv.addFormat('uri-reference', (value: string) => URI_CHARACTERS.test(value));
const validate = ajv.compile(schema);

/** Schema errors of a SARIF log (empty when it is valid SARIF 2.1.0, URI formats included). */
export function sarifSchemaErrors(log: unknown): string[] {
  if (validate(log)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}
