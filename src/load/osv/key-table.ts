/**
 * The key table of an OSV index: one line per key, `"<key as JSON>"\t<offset>\t<length>\n`, sorted by
 * their bytes, so that a key is found by binary search in the raw table without parsing the rest.
 */

const TAB = 0x09;
const NEWLINE = 0x0a;

/** Where one key's entries are in the body. */
export interface KeyPlace {
  readonly offset: number;
  readonly length: number;
}

/** The table of `places`, sorted by the bytes of each key's JSON. */
export function keyTable(places: ReadonlyMap<string, KeyPlace>): Buffer {
  const lines = [...places].map(([key, place]) => ({
    name: Buffer.from(JSON.stringify(key)),
    rest: Buffer.from(`\t${String(place.offset)}\t${String(place.length)}\n`),
  }));
  lines.sort((a, b) => Buffer.compare(a.name, b.name));
  return Buffer.concat(lines.flatMap(({ name, rest }) => [name, rest]));
}

/** The place of `key` in the table, or undefined when the index has no such key. */
export function findKey(table: Buffer, key: string): KeyPlace | undefined {
  const wanted = Buffer.from(JSON.stringify(key));
  let low = 0;
  let high = table.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const start = middle === 0 ? 0 : table.lastIndexOf(NEWLINE, middle - 1) + 1;
    if (start < low) {
      low = table.indexOf(NEWLINE, middle) + 1 || table.length;
      continue;
    }
    const tab = table.indexOf(TAB, start);
    const end = table.indexOf(NEWLINE, tab);
    if (tab < 0 || end < 0) return undefined;
    const order = Buffer.compare(table.subarray(start, tab), wanted);
    if (order === 0) {
      const [offset = '', length = ''] = table.toString('latin1', tab + 1, end).split('\t');
      return { offset: Number(offset), length: Number(length) };
    }
    if (order < 0) low = end + 1;
    else high = start;
  }
  return undefined;
}
