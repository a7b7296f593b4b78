import { CelScalar, celFunc, celMethod, listType } from '@bufbuild/cel';
import type { CelFunc } from '@bufbuild/cel';
import { OPAQUE, opaque, opaqueText } from '../opaque.ts';

const { STRING, BOOL, DYN } = CelScalar;
const FORMAT = OPAQUE.Format;
const OPTIONAL = OPAQUE.Optional;

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

type Validator = (value: string) => readonly string[];

const pattern =
  (regex: RegExp, max: number, what: string): Validator =>
  (value) => [
    ...(value.length > max ? [`must be no more than ${String(max)} characters`] : []),
    ...(regex.test(value) ? [] : [what]),
  ];

const prefixed =
  (validate: Validator): Validator =>
  (value) =>
    validate(value.endsWith('-') ? `${value.slice(0, -1)}a` : value);

const dns1123Label = pattern(
  DNS1123_LABEL,
  63,
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
);
const dns1123Subdomain = pattern(
  DNS1123_SUBDOMAIN,
  253,
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
);
const dns1035Label = pattern(
  DNS1035_LABEL,
  63,
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
);

function qualifiedName(value: string): readonly string[] {
  const parts = value.split('/');
  const name = parts.length === 2 ? (parts[1] ?? '') : value;
  const prefix = parts.length === 2 ? (parts[0] ?? '') : undefined;
  if (parts.length > 2)
    return [
      'a qualified name must consist of alphanumeric characters, "-", "_" or ".", with an optional DNS subdomain prefix and "/"',
    ];
  const errors: string[] = [];
  if (prefix === '') errors.push('prefix part must be non-empty');
  else if (prefix !== undefined)
    for (const error of dns1123Subdomain(prefix)) errors.push(`prefix part ${error}`);
  if (name === '') errors.push('name part must be non-empty');
  else if (name.length > 63) errors.push('name part must be no more than 63 characters');
  else if (!QUALIFIED_NAME_PART.test(name))
    errors.push(
      "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
    );
  return errors;
}

function validDate(value: string): boolean {
  return !Number.isNaN(Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value));
}

const VALIDATORS: Readonly<Record<string, Validator>> = {
  dns1123Label,
  dns1123Subdomain,
  dns1035Label,
  dns1123LabelPrefix: prefixed(dns1123Label),
  dns1123SubdomainPrefix: prefixed(dns1123Subdomain),
  dns1035LabelPrefix: prefixed(dns1035Label),
  qualifiedName,
  labelValue: pattern(
    LABEL_VALUE,
    63,
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
  ),
  uri: (value) => (/^[a-zA-Z][a-zA-Z0-9+.-]*:\S*$|^\/\S*$/.test(value) ? [] : ['must be a valid URI']),
  uuid: (value) => (UUID.test(value) ? [] : ['does not match the UUID format']),
  byte: (value) => (BASE64.test(value) ? [] : ['invalid base64 encoding']),
  date: (value) => (DATE.test(value) && validDate(value) ? [] : ['invalid date']),
  datetime: (value) => (DATETIME.test(value) && validDate(value) ? [] : ['invalid datetime']),
};

/** Names accepted by `format.named()` and as `format.<name>()`. */
const FORMAT_NAMES: readonly string[] = Object.keys(VALIDATORS);

function validatorOf(name: string): Validator {
  const validator = VALIDATORS[name];
  if (validator === undefined) throw new Error(`unknown format ${JSON.stringify(name)}`);
  return validator;
}

function errorsOf(optional: string): readonly string[] | undefined {
  const parsed: unknown = JSON.parse(optional);
  return Array.isArray(parsed) ? parsed.map(String) : undefined;
}

/**
 * The Kubernetes format library (`kubernetes/apiserver:pkg/cel/library/format.go`):
 * `format.named(n)` and `format.<n>()` for every name in FORMAT_NAMES, then `.validate(s)`, which
 * returns an optional list of error strings (none when valid). `@bufbuild/cel` has no optional type,
 * so this library brings a minimal one: `.hasValue()`, `.value()`, `.orValue(x)`.
 */
export const FORMAT_FUNCTIONS: readonly CelFunc[] = [
  celFunc('format.named', [STRING], FORMAT, (name) => {
    validatorOf(name);
    return opaque('Format', name);
  }),
  ...FORMAT_NAMES.map((name) => celFunc(`format.${name}`, [], FORMAT, () => opaque('Format', name) as never)),
  celMethod('validate', FORMAT, [STRING], OPTIONAL, function (value) {
    const errors = validatorOf(opaqueText(this))(value);
    return opaque('Optional', errors.length === 0 ? 'null' : JSON.stringify(errors));
  }),
  celMethod('hasValue', OPTIONAL, [], BOOL, function () {
    return errorsOf(opaqueText(this)) !== undefined;
  }),
  celMethod('value', OPTIONAL, [], listType(STRING), function () {
    const errors = errorsOf(opaqueText(this));
    if (errors === undefined) throw new Error('optional.none() dereference');
    return errors;
  }),
  celMethod('orValue', OPTIONAL, [DYN], DYN, function (fallback) {
    return errorsOf(opaqueText(this)) ?? fallback;
  }),
];
