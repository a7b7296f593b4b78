/**
 * The key/value pairs of a Berkeley DB hash database (the format of rpm's `Packages` before rpm
 * 4.16), as Berkeley DB's dbinc/db_page.h lays its pages out: a metadata page (magic 0x061561 at
 * byte 12, page size at byte 20, in the file's byte order), then pages with a 26-byte header (page
 * number, previous and next page, entry count, `hf_offset`, level, type). Hash pages (types 2 and
 * 13) hold an array of 2-byte item offsets after the header, items in key/data pairs from the page's
 * end: an item is inline (`H_KEYDATA`, 1, its bytes follow the type byte) or on overflow pages
 * (`H_OFFPAGE`, 3: first page number at +4, total length at +8). Overflow pages (type 7) hold
 * `hf_offset` bytes after their header and chain through their next page.
 */

const HASH_MAGIC = 0x061561;
const PAGE_HEADER = 26;
const P_HASH_UNSORTED = 2;
const P_OVERFLOW = 7;
const P_HASH = 13;
const H_KEYDATA = 1;
const H_OFFPAGE = 3;

/** One pair of the database, or why reading stopped. */
export type BerkeleyRecord =
  { readonly key: Uint8Array; readonly value: Uint8Array } | { readonly problem: string };

/** Whether `bytes` start with a Berkeley DB hash metadata page. */
export function isBerkeleyHash(bytes: Uint8Array): boolean {
  if (bytes.length < 512) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return view.getUint32(12, true) === HASH_MAGIC || view.getUint32(12, false) === HASH_MAGIC;
}

/**
 * The pairs of every hash page, in page order; an item or overflow chain that points outside the
 * file, or a page size that is no power of two from 512 to 64 KiB, ends the walk with a problem.
 * Duplicate sets (`H_DUPLICATE`, `H_OFFDUP`, which rpm does not write) are left out.
 */
export function* berkeleyHashRecords(bytes: Uint8Array): Generator<BerkeleyRecord> {
  if (!isBerkeleyHash(bytes)) {
    yield { problem: 'no Berkeley DB hash database (no hash magic on its first page)' };
    return;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const little = view.getUint32(12, true) === HASH_MAGIC;
  const u16 = (at: number): number => view.getUint16(at, little);
  const u32 = (at: number): number => view.getUint32(at, little);
  const pageSize = u32(20);
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) {
    yield { problem: `a page size of ${String(pageSize)} bytes` };
    return;
  }
  const pages = Math.floor(bytes.length / pageSize);
  const overflow = (first: number, length: number): Uint8Array | string => {
    const value = new Uint8Array(length);
    let filled = 0;
    let page = first;
    for (let hops = 0; filled < length; hops++) {
      if (page <= 0 || page >= pages || hops >= pages)
        return `an overflow chain leaving the file at page ${String(page)}`;
      const at = page * pageSize;
      if (bytes[at + 25] !== P_OVERFLOW)
        return `page ${String(page)} of an overflow chain is no overflow page`;
      const size = Math.min(u16(at + 22), pageSize - PAGE_HEADER, length - filled);
      value.set(bytes.subarray(at + PAGE_HEADER, at + PAGE_HEADER + size), filled);
      if (size === 0) return `an empty overflow page ${String(page)}`;
      filled += size;
      page = u32(at + 16);
    }
    return value;
  };
  for (let page = 1; page < pages; page++) {
    const at = page * pageSize;
    const type = bytes[at + 25];
    if (type !== P_HASH && type !== P_HASH_UNSORTED) continue;
    const entries = u16(at + 20);
    if (PAGE_HEADER + entries * 2 > pageSize) {
      yield { problem: `hash page ${String(page)} announces ${String(entries)} items` };
      return;
    }
    const items: (Uint8Array | undefined)[] = [];
    for (let index = 0; index < entries; index++) {
      const offset = u16(at + PAGE_HEADER + index * 2);
      const end = index === 0 ? pageSize : u16(at + PAGE_HEADER + (index - 1) * 2);
      if (offset < PAGE_HEADER + entries * 2 || end > pageSize || offset >= end) {
        yield { problem: `hash page ${String(page)} item ${String(index)} lies outside its page` };
        return;
      }
      const item = bytes.subarray(at + offset, at + end);
      if (item[0] === H_KEYDATA) items.push(item.subarray(1));
      else if (item[0] === H_OFFPAGE && item.length >= 12) {
        const value = overflow(u32(at + offset + 4), u32(at + offset + 8));
        if (typeof value === 'string') {
          yield { problem: `hash page ${String(page)} item ${String(index)}: ${value}` };
          return;
        }
        items.push(value);
      } else items.push(undefined);
    }
    for (let index = 0; index + 1 < items.length; index += 2) {
      const key = items[index];
      const value = items[index + 1];
      if (key !== undefined && value !== undefined) yield { key, value };
    }
  }
}
