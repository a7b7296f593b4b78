/**
 * Go's build information, as the linker embeds it in a binary and golang/go's
 * src/debug/buildinfo/buildinfo.go reads it: a 32-byte header at a 16-byte boundary, the magic
 * `\xff Go buildinf:`, the pointer size and a flags byte; since Go 1.18 (flag bit 2) the Go version
 * and the module information follow as strings, each an unsigned varint length and its bytes. The
 * module information is framed by two 16-byte sentinels and holds the lines
 * src/runtime/debug/mod.go's `ParseBuildInfo` reads: `path`, `mod`, `dep`, `=>` (a replacement of
 * the line above) and `build` (`key=value`), fields separated by tabs.
 */

/** The magic that starts the build information header. */
export const BUILDINFO_MAGIC = new Uint8Array([
  0xff, 0x20, 0x47, 0x6f, 0x20, 0x62, 0x75, 0x69, 0x6c, 0x64, 0x69, 0x6e, 0x66, 0x3a,
]);

/** The header's size and alignment (buildinfo.go: `buildInfoHeaderSize`, `buildInfoAlign`). */
export const BUILDINFO_HEADER_SIZE = 32;
export const BUILDINFO_ALIGN = 16;
/** The header's flag saying the strings follow it inline (buildinfo.go: `flagsVersionInl`). */
const FLAG_VERSION_INLINE = 0x2;

/** A module a binary was built from, as a `mod`, `dep` or `=>` line names it. */
export interface GoModule {
  readonly path: string;
  readonly version: string;
  readonly sum: string | undefined;
  /** What a `=>` line replaced it with: another module, or a directory (no version). */
  readonly replacement?: GoModule | undefined;
}

/** What a binary's build information says. */
export interface GoBuildInfo {
  /** The toolchain's version: `go1.22.1`. */
  readonly goVersion: string;
  /** The main package's import path. */
  readonly path: string | undefined;
  readonly main: GoModule | undefined;
  readonly deps: readonly GoModule[];
  readonly settings: ReadonlyMap<string, string>;
}

/** Whether `bytes` hold the magic at `offset`. */
export function hasMagic(bytes: Uint8Array, offset: number): boolean {
  if (offset + BUILDINFO_MAGIC.length > bytes.length) return false;
  for (let index = 0; index < BUILDINFO_MAGIC.length; index++)
    if (bytes[offset + index] !== BUILDINFO_MAGIC[index]) return false;
  return true;
}

/** An unsigned varint (encoding/binary's Uvarint) at `offset`: its value and length, or undefined. */
function uvarint(bytes: Uint8Array, offset: number): { value: number; length: number } | undefined {
  let value = 0;
  let scale = 1;
  for (let index = 0; index < 10 && offset + index < bytes.length; index++) {
    const byte = bytes[offset + index] ?? 0;
    value += (byte & 0x7f) * scale;
    if ((byte & 0x80) === 0) return Number.isSafeInteger(value) ? { value, length: index + 1 } : undefined;
    scale *= 128;
  }
  return undefined;
}

/**
 * How many bytes from the header's start the inline strings end at, once `bytes` hold them; a
 * number larger than `bytes.length` says how many are needed so far; undefined when the header has
 * no inline strings or a length is unreadable.
 */
export function inlineEnd(bytes: Uint8Array): number | undefined {
  if (bytes.length < BUILDINFO_HEADER_SIZE) return BUILDINFO_HEADER_SIZE;
  if (((bytes[15] ?? 0) & FLAG_VERSION_INLINE) === 0) return undefined;
  let at = BUILDINFO_HEADER_SIZE;
  for (let string = 0; string < 2; string++) {
    if (at >= bytes.length) return at + 1;
    const length = uvarint(bytes, at);
    if (length === undefined) return bytes.length - at >= 10 ? undefined : at + 10;
    at += length.length + length.value;
  }
  return at;
}

/** The build information of a header and what follows it, or a sentence saying why there is none. */
export function parseGoBuildInfo(bytes: Uint8Array): GoBuildInfo | { readonly problem: string } {
  if (!hasMagic(bytes, 0) || bytes.length < BUILDINFO_HEADER_SIZE)
    return { problem: 'no Go build information header' };
  if (((bytes[15] ?? 0) & FLAG_VERSION_INLINE) === 0)
    return {
      problem: 'Go build information of a toolchain before Go 1.18 (pointers, not inline strings): not read',
    };
  const strings: string[] = [];
  let at = BUILDINFO_HEADER_SIZE;
  const decoder = new TextDecoder();
  for (let string = 0; string < 2; string++) {
    const length = uvarint(bytes, at);
    if (length === undefined || at + length.length + length.value > bytes.length)
      return { problem: 'truncated Go build information (a string runs past what was read)' };
    strings.push(decoder.decode(bytes.subarray(at + length.length, at + length.length + length.value)));
    at += length.length + length.value;
  }
  const [goVersion = '', framed = ''] = strings;
  if (goVersion === '') return { problem: 'Go build information without a Go version' };
  const modinfo = framed.length >= 33 && framed[framed.length - 17] === '\n' ? framed.slice(16, -16) : '';
  return parseModinfo(goVersion, modinfo);
}

/** A value Go's strconv.Quote or a back-quoted string wrote, unquoted; others as they are. */
function unquoted(text: string): string {
  if (text.startsWith('`') && text.endsWith('`') && text.length >= 2) return text.slice(1, -1);
  if (!text.startsWith('"')) return text;
  try {
    return String(JSON.parse(text));
  } catch {
    return text;
  }
}

/**
 * The lines of the module information, as runtime/debug/mod.go's `ParseBuildInfo` reads them:
 * `mod` and `dep` lines have 2 or 3 tab-separated columns, a `=>` line 3 (an empty version is a
 * directory) and replaces the module of the line above it, `build` lines are `key=value` with keys
 * and values quoted when they must be; other lines, and a last line without its newline, are
 * ignored.
 */
export function parseModinfo(goVersion: string, modinfo: string): GoBuildInfo | { readonly problem: string } {
  let path: string | undefined;
  let main: GoModule | undefined;
  const deps: GoModule[] = [];
  const settings = new Map<string, string>();
  let last: 'main' | 'dep' | undefined;
  const lines = modinfo.split('\n').slice(0, -1);
  for (const [index, line] of lines.entries()) {
    const tab = line.indexOf('\t');
    const kind = tab < 0 ? line : line.slice(0, tab);
    const rest = line.slice(tab + 1);
    const where = `Go build information line ${String(index + 1)}`;
    if (tab < 0) continue;
    if (kind === 'path') path = rest;
    else if (kind === 'mod' || kind === 'dep') {
      const fields = rest.split('\t');
      if (fields.length !== 2 && fields.length !== 3)
        return { problem: `${where}: expected 2 or 3 columns; got ${String(fields.length)}` };
      const [modulePath = '', version = '', sum] = fields;
      const module: GoModule = { path: modulePath, version, sum };
      if (kind === 'mod') main = module;
      else deps.push(module);
      last = kind === 'mod' ? 'main' : 'dep';
    } else if (kind === '=>') {
      const fields = rest.split('\t');
      if (fields.length !== 3)
        return { problem: `${where}: expected 3 columns for replacement; got ${String(fields.length)}` };
      const [modulePath = '', version = '', sum = ''] = fields;
      const replacement: GoModule = { path: modulePath, version, sum: sum === '' ? undefined : sum };
      if (last === 'main' && main !== undefined) main = { ...main, replacement };
      else if (last === 'dep' && deps.length > 0)
        deps[deps.length - 1] = { ...(deps.at(-1) as GoModule), replacement };
      else return { problem: `${where}: replacement with no module on previous line` };
      last = undefined;
    } else if (kind === 'build') {
      const match = /^("(?:[^"\\]|\\.)*"|`[^`]*`|[^=]+)=(.*)$/.exec(rest);
      if (!match) return { problem: `${where}: build line missing '=' after key` };
      settings.set(unquoted(match[1] ?? ''), unquoted(match[2] ?? ''));
    }
  }
  return { goVersion, path, main, deps, settings };
}
