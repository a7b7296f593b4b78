/**
 * Whether a URL's host is reachable only from the node or a private network. Loopback (127.0.0.0/8,
 * ::1, localhost) is local; RFC 1918, 100.64.0.0/10 and fc00::/7 are private; wildcards (0.0.0.0, ::)
 * and every other literal address or host name count as public.
 */
export function addressScope(host: string): 'loopback' | 'private' | 'public' {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost' || bare === '::1' || /^127\./.test(bare)) return 'loopback';
  if (isIPv4(bare)) {
    const [a = 0, b = 0] = bare.split('.').map(Number);
    if (
      a === 10 ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127)
    )
      return 'private';
    return 'public';
  }
  if (isIPv6(bare) && /^f[cd]/.test(bare)) return 'private';
  return 'public';
}

const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]\\d|\\d)';
const IPV4 = new RegExp(`^${OCTET}(\\.${OCTET}){3}$`);

/** A dotted-quad IPv4 literal, as node:net isIPv4 reads it (no leading zeros). */
function isIPv4(host: string): boolean {
  return IPV4.test(host);
}

/** An IPv6 literal: one the WHATWG URL parser accepts between brackets. */
function isIPv6(host: string): boolean {
  if (!host.includes(':')) return false;
  try {
    return new URL(`http://[${host}]/`).hostname !== '';
  } catch {
    return false;
  }
}

/** The host of a URL such as `https://10.0.0.5:2379`, or undefined when it does not parse. */
export function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
}
