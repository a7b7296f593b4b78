/**
 * The few ASN.1 DER encodings an X.509 certificate needs (ITU-T X.690, section 10): each function
 * returns one complete tag-length-value.
 */

function lengthOf(size: number): Buffer {
  if (size < 0x80) return Buffer.from([size]);
  const bytes: number[] = [];
  for (let rest = size; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** A value with its tag and length. */
export function tlv(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), lengthOf(content.length), content]);
}

/** SEQUENCE of the given elements. */
export function sequence(elements: readonly Buffer[]): Buffer {
  return tlv(0x30, Buffer.concat(elements));
}

/** SET of the given elements (callers pass one element, so no sorting is needed). */
export function set(elements: readonly Buffer[]): Buffer {
  return tlv(0x31, Buffer.concat(elements));
}

/** A non-negative INTEGER from its big-endian magnitude, minimally encoded. */
export function unsignedInteger(magnitude: Buffer): Buffer {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start++;
  const trimmed = magnitude.subarray(start);
  const padded = (trimmed[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed;
  return tlv(0x02, padded.length === 0 ? Buffer.from([0]) : padded);
}

/** A small non-negative INTEGER. */
export function integer(value: number): Buffer {
  const bytes: number[] = [];
  for (let rest = value; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return unsignedInteger(Buffer.from(bytes));
}

/** BOOLEAN. */
export function boolean(value: boolean): Buffer {
  return tlv(0x01, Buffer.from([value ? 0xff : 0x00]));
}

/** OBJECT IDENTIFIER from its dotted form. */
export function objectIdentifier(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [40 * first + second];
  for (const arc of rest) {
    const groups: number[] = [arc & 0x7f];
    for (let high = Math.floor(arc / 128); high > 0; high = Math.floor(high / 128))
      groups.unshift(0x80 | (high & 0x7f));
    for (const group of groups) bytes.push(group);
  }
  return tlv(0x06, Buffer.from(bytes));
}

/** UTF8String. */
export function utf8String(text: string): Buffer {
  return tlv(0x0c, Buffer.from(text, 'utf8'));
}

/** OCTET STRING. */
export function octetString(content: Buffer): Buffer {
  return tlv(0x04, content);
}

/** BIT STRING of whole bytes. */
export function bitString(content: Buffer): Buffer {
  return tlv(0x03, Buffer.concat([Buffer.from([0]), content]));
}

/** BIT STRING of named bits (bit 0 first), without trailing zero bits, as DER requires. */
export function namedBits(bits: readonly number[]): Buffer {
  let highest = -1;
  for (const bit of bits) if (bit > highest) highest = bit;
  const bytes = Buffer.alloc(Math.floor(highest / 8) + 1);
  for (const bit of bits) bytes[bit >> 3] = (bytes[bit >> 3] ?? 0) | (0x80 >> (bit & 7));
  const unused = 7 - (highest & 7);
  return tlv(0x03, Buffer.concat([Buffer.from([unused]), bytes]));
}

/** UTCTime (years 1950 to 2049) or GeneralizedTime, to the second, in UTC, as RFC 5280 4.1.2.5 asks. */
export function time(date: Date): Buffer {
  const iso = date.toISOString();
  const digits = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  const year = date.getUTCFullYear();
  return year >= 1950 && year < 2050
    ? tlv(0x17, Buffer.from(digits.slice(2), 'ascii'))
    : tlv(0x18, Buffer.from(digits, 'ascii'));
}

/** `[n]` EXPLICIT: a constructed context-specific tag around a complete value. */
export function explicit(tagNumber: number, value: Buffer): Buffer {
  return tlv(0xa0 | tagNumber, value);
}

/** `[n]` IMPLICIT over a primitive value's content (a GeneralName's dNSName or iPAddress). */
export function implicitPrimitive(tagNumber: number, content: Buffer): Buffer {
  return tlv(0x80 | tagNumber, content);
}
