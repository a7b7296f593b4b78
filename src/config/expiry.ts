/** A date (`2027-06-30`) or an RFC 3339 time (`2027-06-30T12:00:00Z`, `…+02:00`). */
const EXPIRES = /^(\d{4})-(\d{2})-(\d{2})([Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2}))?$/;

/**
 * The instant an exception's `expires` takes effect: a date is midnight UTC at the start of that
 * day; a time keeps its offset. Undefined for text that is neither, or names no calendar day
 * (`2027-02-30`).
 */
export function expiryOf(text: string): Date | undefined {
  const match = EXPIRES.exec(text);
  if (match === null) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const midnight = new Date(Date.UTC(year, month - 1, day));
  if (
    midnight.getUTCFullYear() !== year ||
    midnight.getUTCMonth() !== month - 1 ||
    midnight.getUTCDate() !== day
  )
    return undefined;
  if (match[4] === undefined) return midnight;
  const time = new Date(text.replace(' ', 'T'));
  return Number.isNaN(time.getTime()) ? undefined : time;
}
