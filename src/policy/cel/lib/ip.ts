import { CelScalar, celFunc, celMethod } from '@bufbuild/cel';
import type { CelFunc } from '@bufbuild/cel';
import type { ReflectMessage } from '@bufbuild/protobuf/reflect';
import { OPAQUE, opaque, opaqueText } from '../opaque.ts';
import { formatIp, inPrefix, maskIp, parseIp, widthOf } from './ip-address.ts';
import type { IpAddress } from './ip-address.ts';

const { STRING, BOOL, INT } = CelScalar;
const IP = OPAQUE.IP;
const CIDR = OPAQUE.CIDR;

interface Prefix {
  readonly address: IpAddress;
  readonly length: number;
}

function parseCidr(text: string): Prefix | undefined {
  const slash = text.indexOf('/');
  if (slash === -1) return undefined;
  const address = parseIp(text.slice(0, slash));
  const lengthText = text.slice(slash + 1);
  if (address === undefined || !/^(0|[1-9]\d{0,2})$/.test(lengthText)) return undefined;
  const length = Number(lengthText);
  return length <= Number(widthOf(address)) ? { address, length } : undefined;
}

function ipOf(value: ReflectMessage): IpAddress {
  const address = parseIp(opaqueText(value));
  if (address === undefined) throw new Error('invalid ip');
  return address;
}

function cidrOf(value: ReflectMessage): Prefix {
  const prefix = parseCidr(opaqueText(value));
  if (prefix === undefined) throw new Error('invalid cidr');
  return prefix;
}

function requireIp(text: string): IpAddress {
  const address = parseIp(text);
  if (address === undefined)
    throw new Error(`IP Address ${JSON.stringify(text)} parse error during conversion from string`);
  return address;
}

function requireCidr(text: string): Prefix {
  const prefix = parseCidr(text);
  if (prefix === undefined)
    throw new Error(`network address ${JSON.stringify(text)} parse error during conversion from string`);
  return prefix;
}

const makeCidr = (prefix: Prefix): ReflectMessage =>
  opaque('CIDR', `${formatIp(prefix.address)}/${String(prefix.length)}`);

function isLoopback(address: IpAddress): boolean {
  return address.family === 4 ? address.bits >> 24n === 127n : address.bits === 1n;
}

function isLinkLocalMulticast(address: IpAddress): boolean {
  return address.family === 4
    ? address.bits >> 8n === 0xe00000n
    : ((address.bits >> 112n) & 0xff0fn) === 0xff02n;
}

function isLinkLocalUnicast(address: IpAddress): boolean {
  return address.family === 4 ? address.bits >> 16n === 0xa9fen : address.bits >> 118n === 0x3fan;
}

function isMulticast(address: IpAddress): boolean {
  return address.family === 4 ? address.bits >> 28n === 0xen : address.bits >> 120n === 0xffn;
}

function isGlobalUnicast(address: IpAddress): boolean {
  if (address.family === 4 && address.bits === 0xffffffffn) return false;
  return !(address.bits === 0n || isLoopback(address) || isMulticast(address) || isLinkLocalUnicast(address));
}

/**
 * The Kubernetes IP and CIDR libraries (`kubernetes/apiserver:pkg/cel/library/{ip,cidr}.go`, Go
 * `netip` semantics): `ip(s)`, `isIP(s)`, `ip.isCanonical(s)`, `.family()`, `.isUnspecified()`,
 * `.isLoopback()`, `.isLinkLocalMulticast()`, `.isLinkLocalUnicast()`, `.isGlobalUnicast()`;
 * `cidr(s)` (host bits allowed: `cidr('10.0.0.1/8').ip()` is 10.0.0.1), `isCIDR(s)`,
 * `.containsIP()`, `.containsCIDR()` (IP/CIDR or string), `.ip()`, `.masked()`, `.prefixLength()`,
 * and `string()` of either.
 */
export const IP_FUNCTIONS: readonly CelFunc[] = [
  celFunc('ip', [STRING], IP, (text) => opaque('IP', formatIp(requireIp(text))) as never),
  celFunc('isIP', [STRING], BOOL, (text) => parseIp(text) !== undefined),
  celFunc('ip.isCanonical', [STRING], BOOL, (text) => formatIp(requireIp(text)) === text),
  celFunc('string', [IP], STRING, (value) => opaqueText(value)),
  celMethod('family', IP, [], INT, function () {
    return BigInt(ipOf(this).family);
  }),
  celMethod('isUnspecified', IP, [], BOOL, function () {
    return ipOf(this).bits === 0n;
  }),
  celMethod('isLoopback', IP, [], BOOL, function () {
    return isLoopback(ipOf(this));
  }),
  celMethod('isLinkLocalMulticast', IP, [], BOOL, function () {
    return isLinkLocalMulticast(ipOf(this));
  }),
  celMethod('isLinkLocalUnicast', IP, [], BOOL, function () {
    return isLinkLocalUnicast(ipOf(this));
  }),
  celMethod('isGlobalUnicast', IP, [], BOOL, function () {
    return isGlobalUnicast(ipOf(this));
  }),
  celFunc('cidr', [STRING], CIDR, (text) => makeCidr(requireCidr(text)) as never),
  celFunc('isCIDR', [STRING], BOOL, (text) => parseCidr(text) !== undefined),
  celFunc('string', [CIDR], STRING, (value) => opaqueText(value)),
  celMethod('containsIP', CIDR, [IP], BOOL, function (other) {
    const prefix = cidrOf(this);
    return inPrefix(prefix.address, prefix.length, ipOf(other));
  }),
  celMethod('containsIP', CIDR, [STRING], BOOL, function (other) {
    const prefix = cidrOf(this);
    return inPrefix(prefix.address, prefix.length, requireIp(other));
  }),
  celMethod('containsCIDR', CIDR, [CIDR], BOOL, function (other) {
    const prefix = cidrOf(this);
    const inner = cidrOf(other);
    return inner.length >= prefix.length && inPrefix(prefix.address, prefix.length, inner.address);
  }),
  celMethod('containsCIDR', CIDR, [STRING], BOOL, function (other) {
    const prefix = cidrOf(this);
    const inner = requireCidr(other);
    return inner.length >= prefix.length && inPrefix(prefix.address, prefix.length, inner.address);
  }),
  celMethod('ip', CIDR, [], IP, function () {
    return opaque('IP', formatIp(cidrOf(this).address));
  }),
  celMethod('masked', CIDR, [], CIDR, function () {
    const prefix = cidrOf(this);
    return makeCidr({ address: maskIp(prefix.address, prefix.length), length: prefix.length });
  }),
  celMethod('prefixLength', CIDR, [], INT, function () {
    return BigInt(cidrOf(this).length);
  }),
];
