import { CelScalar, celFunc, celMethod, listType, mapType } from '@bufbuild/cel';
import type { CelFunc } from '@bufbuild/cel';
import type { ReflectMessage } from '@bufbuild/protobuf/reflect';
import { OPAQUE, opaque, opaqueText } from '../opaque.ts';

const U = OPAQUE.URL;
const { STRING, BOOL } = CelScalar;

/** The parts of a URL as Go's `net/url` splits them. */
interface UrlParts {
  readonly scheme: string;
  readonly host: string;
  readonly path: string;
  readonly query: string;
}

const ABSOLUTE = /^([a-zA-Z][a-zA-Z0-9+.-]*):(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#.*)?$/;
const PATH_ONLY = /^(\/[^?#]*)(?:\?([^#]*))?(?:#.*)?$/;

/**
 * Parses like Kubernetes' `url()` (`kubernetes/apiserver:pkg/cel/library/urls.go`, Go
 * `url.ParseRequestURI`): an absolute URL or an absolute path; relative references are errors.
 */
function parseUrl(text: string): UrlParts | undefined {
  if (/[\s\x00-\x1f]/.test(text)) return undefined;
  const absolute = ABSOLUTE.exec(text);
  if (absolute !== null) {
    const authority = absolute[2] ?? '';
    const at = authority.lastIndexOf('@');
    return {
      scheme: absolute[1] ?? '',
      host: authority.slice(at + 1),
      path: absolute[3] ?? '',
      query: absolute[4] ?? '',
    };
  }
  const path = PATH_ONLY.exec(text);
  if (path !== null) return { scheme: '', host: '', path: path[1] ?? '', query: path[2] ?? '' };
  return undefined;
}

function partsOf(url: ReflectMessage): UrlParts {
  const parts = parseUrl(opaqueText(url));
  if (parts === undefined) throw new Error('invalid url');
  return parts;
}

function splitHost(host: string): { readonly hostname: string; readonly port: string } {
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    return { hostname: host.slice(1, end), port: host.slice(end + 1).replace(/^:/, '') };
  }
  const colon = host.lastIndexOf(':');
  return colon === -1
    ? { hostname: host, port: '' }
    : { hostname: host.slice(0, colon), port: host.slice(colon + 1) };
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    return text;
  }
}

function queryOf(query: string): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const key = decode(equals === -1 ? pair : pair.slice(0, equals));
    const value = equals === -1 ? '' : decode(pair.slice(equals + 1));
    result.set(key, [...(result.get(key) ?? []), value]);
  }
  return result;
}

/**
 * The Kubernetes URL library: `url(s)`, `isURL(s)`, `.getScheme()`, `.getHost()` (with port),
 * `.getHostname()` (IPv6 without brackets), `.getPort()`, `.getEscapedPath()`, `.getQuery()`
 * (map of decoded keys to lists of values).
 */
export const URL_FUNCTIONS: readonly CelFunc[] = [
  celFunc('url', [STRING], U, (text) => {
    if (parseUrl(text) === undefined)
      throw new Error(`URL parse error during conversion from string: ${JSON.stringify(text)}`);
    return opaque('URL', text);
  }),
  celFunc('isURL', [STRING], BOOL, (text) => parseUrl(text) !== undefined),
  celMethod('getScheme', U, [], STRING, function () {
    return partsOf(this).scheme;
  }),
  celMethod('getHost', U, [], STRING, function () {
    return partsOf(this).host;
  }),
  celMethod('getHostname', U, [], STRING, function () {
    return splitHost(partsOf(this).host).hostname;
  }),
  celMethod('getPort', U, [], STRING, function () {
    return splitHost(partsOf(this).host).port;
  }),
  celMethod('getEscapedPath', U, [], STRING, function () {
    return partsOf(this).path;
  }),
  celMethod('getQuery', U, [], mapType(STRING, listType(STRING)), function () {
    return queryOf(partsOf(this).query);
  }),
];
