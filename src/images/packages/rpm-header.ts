/**
 * rpm's header structure, as the rpm database stores one per installed package (rpm's
 * docs/manual/format_header.md and lib/header.c, `headerImport`): a big-endian 32-bit count of
 * index entries and a 32-bit length of the data store, then the entries (16 bytes each: tag, type,
 * offset into the store, count), then the store. No lead and no header magic: the database keeps the
 * header's blob without them.
 */

/** The header tags kubeward reads (lib/rpmtag.h). */
export const RPM_TAG = {
  name: 1000,
  version: 1001,
  release: 1002,
  epoch: 1003,
  license: 1014,
  arch: 1022,
  sourceRpm: 1044,
} as const;

/** A tag's value: the strings of a string type, the numbers of an integer type. */
export type RpmTagValue = readonly string[] | readonly number[];

/** rpm's tag types (lib/rpmtag.h, `rpmTagType`). */
const TYPE = {
  char: 1,
  int8: 2,
  int16: 3,
  int32: 4,
  int64: 5,
  string: 6,
  bin: 7,
  stringArray: 8,
  i18nString: 9,
} as const;

/** rpm's bounds on a header (lib/header_internal.h: `HEADER_TAGS_MAX`, `HEADER_DATA_MAX`). */
const MAX_ENTRIES = 0xffff;
const MAX_DATA = 256 * 1024 * 1024;

/** What a header blob holds, or a sentence saying why it is not one. */
export type RpmHeaderResult =
  { readonly tags: ReadonlyMap<number, RpmTagValue> } | { readonly problem: string };

const decoder = new TextDecoder();

/**
 * The tags of a header blob that kubeward reads ({@link RPM_TAG}); entries of other tags are
 * checked only for their bounds. A blob that is too short, announces more entries or data than it
 * has or than rpm allows, or whose entries point outside its store, is a problem, never an exception.
 */
export function parseRpmHeader(blob: Uint8Array, wanted: ReadonlySet<number>): RpmHeaderResult {
  if (blob.length < 8) return { problem: `a header of ${String(blob.length)} bytes` };
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const entries = view.getUint32(0);
  const dataLength = view.getUint32(4);
  if (entries > MAX_ENTRIES || dataLength > MAX_DATA)
    return { problem: `a header announcing ${String(entries)} entries and ${String(dataLength)} bytes` };
  const storeStart = 8 + entries * 16;
  if (storeStart + dataLength > blob.length)
    return {
      problem: `a header of ${String(blob.length)} bytes announcing ${String(entries)} entries and ${String(dataLength)} bytes of data`,
    };
  const store = blob.subarray(storeStart, storeStart + dataLength);
  const tags = new Map<number, RpmTagValue>();
  for (let index = 0; index < entries; index++) {
    const at = 8 + index * 16;
    const tag = view.getInt32(at);
    const type = view.getUint32(at + 4);
    const offset = view.getInt32(at + 8);
    const count = view.getUint32(at + 12);
    if (!wanted.has(tag)) continue;
    if (offset < 0 || offset >= store.length)
      return {
        problem: `tag ${String(tag)} points at byte ${String(offset)} of a ${String(store.length)}-byte store`,
      };
    const value = tagValue(store, type, offset, count);
    if (typeof value === 'string') return { problem: `tag ${String(tag)}: ${value}` };
    tags.set(tag, value);
  }
  return { tags };
}

/** The strings or numbers at `offset`, or a sentence saying why they cannot be read. */
function tagValue(store: Uint8Array, type: number, offset: number, count: number): RpmTagValue | string {
  const view = new DataView(store.buffer, store.byteOffset, store.byteLength);
  const integer = (size: number, read: (at: number) => number): number[] | string => {
    if (offset % size !== 0) return `integers at unaligned byte ${String(offset)}`;
    if (offset + count * size > store.length) return `${String(count)} integers past the store's end`;
    const values: number[] = [];
    for (let index = 0; index < count; index++) values.push(read(offset + index * size));
    return values;
  };
  switch (type) {
    case TYPE.char:
    case TYPE.int8:
    case TYPE.bin:
      return integer(1, (at) => view.getUint8(at));
    case TYPE.int16:
      return integer(2, (at) => view.getUint16(at));
    case TYPE.int32:
      return integer(4, (at) => view.getUint32(at));
    case TYPE.int64:
      return integer(8, (at) => Number(view.getBigUint64(at)));
    case TYPE.string:
    case TYPE.stringArray:
    case TYPE.i18nString: {
      const strings: string[] = [];
      let at = offset;
      const wantedCount = type === TYPE.string ? 1 : count;
      for (let index = 0; index < wantedCount; index++) {
        const end = store.indexOf(0, at);
        if (end < 0) return 'a string without its terminating NUL';
        strings.push(decoder.decode(store.subarray(at, end)));
        at = end + 1;
      }
      return strings;
    }
    default:
      return `unknown type ${String(type)}`;
  }
}
