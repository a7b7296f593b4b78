/** The most bytes one input file (or stdin) may hold unless `--max-file-size` says otherwise: 64 MiB. */
export const DEFAULT_MAX_FILE_SIZE = 64 * 1024 * 1024;

/** Multipliers of the Kubernetes quantity suffixes, binary and decimal. */
const SUFFIXES: Readonly<Record<string, number>> = {
  '': 1,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
};

/**
 * Parses a file size as kubectl writes memory quantities: plain bytes (`1048576`) or a whole or
 * decimal number with a suffix (`64Mi`, `1.5Gi`, `500k`, `2G`). Undefined for anything else, and for
 * sizes below one byte.
 */
export function parseFileSize(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(text.trim());
  if (!match) return undefined;
  const bytes = Math.floor(Number(match[1]) * (SUFFIXES[match[2] ?? ''] ?? 1));
  return Number.isSafeInteger(bytes) && bytes >= 1 ? bytes : undefined;
}

/** A size for people: `600 MiB`, `1.5 KiB`, `100 bytes`. */
export function formatFileSize(bytes: number): string {
  for (const [suffix, unit] of [
    ['TiB', 2 ** 40],
    ['GiB', 2 ** 30],
    ['MiB', 2 ** 20],
    ['KiB', 2 ** 10],
  ] as const)
    if (bytes >= unit) return `${String(Math.round((bytes / unit) * 10) / 10)} ${suffix}`;
  return `${String(bytes)} ${bytes === 1 ? 'byte' : 'bytes'}`;
}
